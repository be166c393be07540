using Masthead.Core.Events;
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
        // In place of the scoped context AddPooledDbContextFactory registers, which the provider could not prepare.
        services.Replace(ServiceDescriptor.Scoped(CreateForScope));
        return services;
    }

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
