using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Masthead.Data.Sqlite;

/// <summary>Used by `dotnet ef migrations add` only.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<MastheadDb>
{
    public MastheadDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MastheadDb>();
        SqliteStorage.Configure(options, "Data Source=design-time.db");
        options.WithIdentitySchema();
        return new MastheadDb(options.Options);
    }
}
