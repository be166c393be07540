using Masthead.Core.Events;
using Masthead.Health;
using Masthead.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.ScaleOut;

/// <summary>
/// Several identical nodes: with ConnectionStrings:Redis set, every committed event travels to the other nodes over
/// Redis pub/sub and is replayed there through the same handlers. Without it nothing here is registered and the node
/// runs on its own.
/// </summary>
public static class ScaleOutSetup
{
    /// <summary>The connection string's name: ConnectionStrings__Redis in the environment.</summary>
    public const string ConnectionStringName = "Redis";

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

        services.AddSingleton<RedisEventRelay>();
        services.AddSingleton<IChangeEventRelay>(provider => provider.GetRequiredService<RedisEventRelay>());
        services.AddSingleton<IScaleOutListener>(provider => provider.GetRequiredService<RedisEventRelay>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisEventRelay>());

        services.AddSingleton<Newsroom.Presence.PresenceAcrossNodes>();
        services.AddSingleton<IScaleOutListener>(provider => provider.GetRequiredService<Newsroom.Presence.PresenceAcrossNodes>());
        services.AddHostedService(provider => provider.GetRequiredService<Newsroom.Presence.PresenceAcrossNodes>());

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
