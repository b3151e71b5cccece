using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TenancySchemas.Health;

namespace TenancySchemas;

/// <summary>Registers the TenancySchemas health check.</summary>
public static class TenancySchemasHealthCheckBuilderExtensions
{
    /// <summary>
    /// Adds a check that is healthy when the options are valid, every validator resolves, the messages load in en, fr,
    /// de and es, and (with auditing on) a probe written the way audit records are reaches the audit sink. It is
    /// Degraded when auditing is on but no <c>Serilog.ILogger</c> is registered, so records would be dropped, and
    /// Unhealthy when the logger filters audit events out, its sink throws (Serilog's <c>AuditTo</c> sinks do) or an
    /// audit checkpoint could not be written or stored. Its data carries the validation and failure counts.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. The default value is <c>tenancy_schemas</c>.</param>
    /// <param name="tags">Tags for filtering checks.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddTenancySchemasCheck(this IHealthChecksBuilder builder, string name = "tenancy_schemas", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.AddTenancySchemas();
        return builder.Add(new HealthCheckRegistration(name, services => new TenancySchemasHealthCheck(services), HealthStatus.Unhealthy, tags));
    }
}
