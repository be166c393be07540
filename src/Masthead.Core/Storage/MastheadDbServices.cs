using Masthead.Core.Events;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masthead.Core.Storage;

/// <summary>How services get the database, on every provider: pooled <see cref="MastheadDb"/> contexts, one per scope.</summary>
public static class MastheadDbServices
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{MastheadDb}"/> over a pool of contexts set up by <paramref name="configure"/>,
    /// which dispatch their events after commit, and each scope's <see cref="MastheadDb"/>, taken from that pool and
    /// given back when the scope ends.
    /// </summary>
    public static IServiceCollection AddMastheadDb(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
    {
        services.AddPooledDbContextFactory<MastheadDb>((provider, options) =>
        {
            configure(options);
            options.UseChangeEvents(provider);
            options.AddInterceptors(Media.MediaUseTracker.Instance);
        });
        // Identity's tables as of its schema version 3, with passkeys: it reads the version from these options when it
        // builds the model (contexts made outside the site's services get them from WithIdentitySchema).
        services.Configure<IdentityOptions>(UseIdentitySchema);
        // In place of the scoped context AddPooledDbContextFactory registers, which the provider could not prepare.
        services.Replace(ServiceDescriptor.Scoped(CreateForScope));
        return services;
    }

    /// <summary>
    /// For a context made outside the site's services (the design-time factories, the SQLite file the copier reads):
    /// gives it the Identity options the site has, so that its model has the same Identity tables.
    /// </summary>
    public static DbContextOptionsBuilder<MastheadDb> WithIdentitySchema(this DbContextOptionsBuilder<MastheadDb> options) =>
        options.UseApplicationServiceProvider(IdentitySchemaServices.Value);

    private static readonly Lazy<IServiceProvider> IdentitySchemaServices =
        new(() => new ServiceCollection().Configure<IdentityOptions>(UseIdentitySchema).BuildServiceProvider());

    private static void UseIdentitySchema(IdentityOptions identity) => identity.Stores.SchemaVersion = IdentitySchemaVersions.Version3;

    /// <summary>The one place a scope's context is made.</summary>
    private static MastheadDb CreateForScope(IServiceProvider scope)
    {
        var db = scope.GetRequiredService<IDbContextFactory<MastheadDb>>().CreateDbContext();
        foreach (var setup in scope.GetServices<IScopedDbSetup>())
        {
            setup.Prepare(db);
        }

        return db;
    }
}
