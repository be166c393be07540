using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.Health;

/// <summary>The database answers a query: a pooled connection that looks open is not enough.</summary>
internal sealed class DatabaseHealthCheck(MastheadDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason (host names, credentials in messages) is not for a public endpoint.
            return new HealthCheckResult(context.Registration.FailureStatus, "The database is not reachable.");
        }
    }
}
