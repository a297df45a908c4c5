using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChildAid.Shared.Hosting;

/// <summary>
/// Healthy only if the site's own context can read one of its tables: this proves the connection, the login and
/// its grants, not just that the process is up. Unreachable or unreadable → 503 at /health.
/// </summary>
public sealed class DatabaseHealthCheck<TContext>(TContext db, Func<TContext, CancellationToken, Task> probe) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe(db, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", e);
        }
    }
}

public static class HealthEndpoints
{
    /// <summary>Registers the database check; <paramref name="probe"/> is a trivial read through the site's own context.</summary>
    public static IServiceCollection AddDatabaseHealthCheck<TContext>(this IServiceCollection services, Func<TContext, CancellationToken, Task> probe)
        where TContext : DbContext
    {
        services.AddHealthChecks().Add(new HealthCheckRegistration("database",
            sp => new DatabaseHealthCheck<TContext>(sp.GetRequiredService<TContext>(), probe), HealthStatus.Unhealthy, ["db"], TimeSpan.FromSeconds(10)));
        return services;
    }
}
