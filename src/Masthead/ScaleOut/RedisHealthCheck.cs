using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.ScaleOut;

/// <summary>Redis answers a PING. Without it the node still serves, so its absence is registered as Degraded.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await redis.PingAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus,
                "Redis is not reachable: live updates reach only this node's readers, and cache evictions stay on this node, until it returns.");
}
