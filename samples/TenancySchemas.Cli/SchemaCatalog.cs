using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Compliance;
using TenancySchemas.Json;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Performance;
using TenancySchemas.Tenants;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;
using TenancySchemas.Warnings;

namespace TenancySchemas.Cli;

/// <summary>The schemas the CLI knows, by the name used on the command line and in file names.</summary>
internal sealed class SchemaCatalog(IServiceProvider services)
{
    private readonly Dictionary<string, Func<byte[], TenancyValidationContext?, DocumentOutcome>> _schemas = new(StringComparer.Ordinal)
    {
        ["tenant-config"] = (bytes, context) => Validate<TenantConfigSchema>(services, bytes, context),
        ["tenant-config-update"] = (bytes, context) => Validate<TenantConfigUpdateSchema>(services, bytes, context),
        ["alert"] = (bytes, context) => Validate<AlertSchema>(services, bytes, context),
        ["tenant-alert"] = (bytes, context) => Validate<TenantAlertSchema>(services, bytes, context),
        ["warning"] = (bytes, context) => Validate<WarningSchema>(services, bytes, context),
        ["tenant-warning"] = (bytes, context) => Validate<TenantWarningSchema>(services, bytes, context),
        ["notification"] = (bytes, context) => Validate<NotificationSchema>(services, bytes, context),
        ["notification-batch"] = (bytes, context) => Validate<NotificationBatchSchema>(services, bytes, context),
        ["monitoring-config"] = (bytes, context) => Validate<MonitoringConfigSchema>(services, bytes, context),
        ["compliance"] = (bytes, context) => Validate<ComplianceSchema>(services, bytes, context),
        ["performance-metrics"] = (bytes, context) => Validate<PerformanceMetricsSchema>(services, bytes, context),
    };

    public IEnumerable<string> Names => _schemas.Keys;

    public bool TryGet(string name, out Func<byte[], TenancyValidationContext?, DocumentOutcome> validate) => _schemas.TryGetValue(name, out validate!);

    /// <summary>Infers the schema from a file name such as <c>tenant-config.trial.valid.json</c>: the longest known prefix.</summary>
    public string? Infer(string path)
    {
        var file = Path.GetFileName(path);
        return _schemas.Keys.Where(name => file.StartsWith(name + ".", StringComparison.Ordinal)).OrderByDescending(n => n.Length).FirstOrDefault();
    }

    /// <summary>The tier a file name announces (<c>alert.trial.valid.json</c>), if any.</summary>
    public static TenantType? TierFromName(string path)
    {
        foreach (var part in Path.GetFileName(path).Split('.'))
        {
            if (Enum.TryParse<TenantType>(part, ignoreCase: true, out var tier) && !int.TryParse(part, out _))
            {
                return tier;
            }
        }

        return null;
    }

    private static DocumentOutcome Validate<T>(IServiceProvider services, byte[] bytes, TenancyValidationContext? context)
        where T : class
    {
        var json = services.GetRequiredService<TenancyJson>();
        var result = json.ReadAndValidate(bytes, services.GetRequiredService<IValidator<T>>(), context);
        return new DocumentOutcome(result.IsValid, result.Errors);
    }
}

internal sealed record DocumentOutcome(bool IsValid, IReadOnlyList<FluentValidation.Results.ValidationFailure> Failures);
