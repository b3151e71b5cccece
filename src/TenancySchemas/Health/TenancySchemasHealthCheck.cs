using System.Globalization;
using System.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TenancySchemas.Auditing;
using TenancySchemas.Localization;
using TenancySchemas.Metrics;
using TenancySchemas.Schemas;

namespace TenancySchemas.Health;

/// <summary>
/// Healthy when the options are valid, every validator resolves, the messages load in all four languages and, with
/// auditing on, a probe reaches the audit sink the way records do. Degraded when auditing is on but no logger is
/// registered (records would be dropped); Unhealthy when the logger filters audit events out, the sink throws, or the
/// last checkpoint could not be written or stored. The report's data carries the validation and failure counts and
/// whether the audit chain is authenticated with a key.
/// </summary>
internal sealed class TenancySchemasHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly ResourceManager Messages = new("TenancySchemas.Localization.Messages", typeof(TenancySchemasHealthCheck).Assembly);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        try
        {
            _ = services.GetRequiredService<IOptions<TenancySchemaOptions>>().Value;
        }
        catch (OptionsValidationException exception)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The TenancySchemas options are invalid: " + string.Join(" ", exception.Failures), exception, data));
        }

        foreach (var schema in SchemaRegistry.All)
        {
            if (services.GetService(typeof(FluentValidation.IValidator<>).MakeGenericType(schema.DocumentType)) is null)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"No validator is registered for {schema.Name}.", data: data));
            }
        }

        foreach (var language in MessageCulture.Supported)
        {
            var culture = CultureInfo.GetCultureInfo(language);
            var set = Messages.GetResourceSet(culture, createIfNotExists: true, tryParents: language == "en");
            if (set?.GetString("tenancy.tier.unknown") is null)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"The {language} messages cannot be loaded.", data: data));
            }
        }

        var metrics = services.GetRequiredService<TenancyMetrics>();
        data["validations"] = metrics.Total;
        data["failed_validations"] = metrics.Failed;

        var auditor = services.GetRequiredService<ValidationAuditor>();
        if (auditor.Enabled)
        {
            data["audit_authenticated"] = auditor.IsAuthenticated;
            var (status, problem, exception) = auditor.Probe();
            if (status != HealthStatus.Healthy)
            {
                return Task.FromResult(new HealthCheckResult(status, problem, exception, data));
            }
        }

        return Task.FromResult(HealthCheckResult.Healthy("TenancySchemas is ready.", data));
    }
}
