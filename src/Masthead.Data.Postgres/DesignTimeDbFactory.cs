using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Masthead.Data.Postgres;

/// <summary>Used by `dotnet ef migrations add` only; no server is contacted.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<MastheadDb>
{
    public MastheadDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MastheadDb>();
        PostgresStorage.Configure(options, "Host=localhost;Database=masthead_design");
        options.WithIdentitySchema();
        return new MastheadDb(options.Options);
    }
}
