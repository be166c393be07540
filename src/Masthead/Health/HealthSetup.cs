using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.Health;

/// <summary>
/// GET /healthz: the process answers (liveness). GET /readyz: the database answers and, when configured, Redis:
/// 200 Healthy; 200 Degraded when only Redis is away (the node still serves everything); 503 when the database is.
/// Neither is cached, and each check gives up after <see cref="CheckTimeout"/>.
/// </summary>
public static class HealthSetup
{
    /// <summary>The checks /readyz runs carry this tag.</summary>
    public const string ReadinessTag = "ready";

    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadinessTag], CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).ExcludeFromDescription();
        return app;
    }
}
