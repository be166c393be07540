using Masthead.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Data.Sqlite;

/// <summary>Used by `dotnet ef migrations add` only.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<MastheadDb>
{
    public MastheadDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MastheadDb>();
        SqliteStorage.Configure(options, "Data Source=design-time.db");
        // Identity reads its schema version (passkeys since version 3) from the application's options, as the site sets them.
        options.UseApplicationServiceProvider(new ServiceCollection()
            .Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .BuildServiceProvider());
        return new MastheadDb(options.Options);
    }
}
