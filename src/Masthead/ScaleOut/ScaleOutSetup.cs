using Masthead.Core.Events;
using Masthead.Health;
using Masthead.Hosting;
using Masthead.Live;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.ScaleOut;

/// <summary>
/// Several identical nodes: with ConnectionStrings:Redis set, live events and cache evictions travel between nodes
/// over Redis pub/sub. Without it nothing here is registered and the node runs on its own.
/// </summary>
public static class ScaleOutSetup
{
    /// <summary>The connection string's name: ConnectionStrings__Redis in the environment.</summary>
    public const string ConnectionStringName = "Redis";

    /// <summary>Call after the output cache and live coverage are added: this wraps both.</summary>
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        var options = ParseOptions(connectionString);
        services.AddSingleton(provider => new RedisConnection(options, provider, provider.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddHostedService(provider => provider.GetRequiredService<RedisConnection>());

        services.AddSingleton<RedisLiveBroadcaster>();
        services.Replace(ServiceDescriptor.Singleton<ILiveBroadcaster>(provider => provider.GetRequiredService<RedisLiveBroadcaster>()));
        services.AddSingleton<IScaleOutListener>(provider => provider.GetRequiredService<RedisLiveBroadcaster>());
        services.AddScoped<IEventHandler<ArticleChanged>, ArticleChangeRelay>();
        services.AddSingleton<SiteChangeRelay>();
        services.AddSingleton<IScaleOutListener>(provider => provider.GetRequiredService<SiteChangeRelay>());
        services.AddScoped<IEventHandler<SiteChanged>, SiteChangeAnnouncer>();

        services.DecorateSingleton<IOutputCacheStore, RedisCacheEviction>((provider, local) =>
            new RedisCacheEviction(local, provider.GetRequiredService<RedisConnection>()));
        services.AddSingleton<IScaleOutListener>(provider => provider.GetRequiredService<RedisCacheEviction>());

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [HealthSetup.ReadinessTag], HealthSetup.CheckTimeout);
        return services;
    }

    private static StackExchange.Redis.ConfigurationOptions ParseOptions(string connectionString)
    {
        try
        {
            return RedisConnection.OptionsFrom(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new StartupException($"ConnectionStrings__Redis is not a Redis connection string (e.g. 127.0.0.1:6379): {exception.Message}", exception);
        }
    }
}
