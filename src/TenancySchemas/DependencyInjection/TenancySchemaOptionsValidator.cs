using Microsoft.Extensions.Options;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.Tenants;
using TenancySchemas.Tiers;
using static TenancySchemas.DependencyInjection.TenancySettingNames;

namespace TenancySchemas.DependencyInjection;

/// <summary>Checks the options at first use and at host start, naming each bad setting and what it accepts.</summary>
internal sealed class TenancySchemaOptionsValidator : IValidateOptions<TenancySchemaOptions>
{
    private static readonly HashSet<string> KnownCompliance = [.. TierProfile.AllCompliance];

    public ValidateOptionsResult Validate(string? name, TenancySchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.SettingErrors);

        if (!string.Equals(options.SchemaVersion, TenancySchemaOptions.CurrentSchemaVersion, StringComparison.Ordinal))
        {
            errors.Add($"SchemaVersion ({SchemaVersionVariable}) '{options.SchemaVersion}' is not supported; accepted: {TenancySchemaOptions.CurrentSchemaVersion}.");
        }

        if (!MessageCulture.IsSupported(options.DefaultLocale))
        {
            errors.Add($"DefaultLocale ({DefaultLocaleVariable}) '{options.DefaultLocale}' is not supported; accepted: {string.Join(", ", MessageCulture.Supported)}.");
        }

        if (!Enum.IsDefined(options.IsolationLevel))
        {
            errors.Add($"IsolationLevel ({IsolationLevelVariable}) '{options.IsolationLevel}' is not defined; accepted: {string.Join(", ", WireEnum<IsolationLevel>.Names)}.");
        }

        if (options.DefaultTier is { } tier && !Enum.IsDefined(tier))
        {
            errors.Add($"DefaultTier '{tier}' is not defined; accepted: {string.Join(", ", WireEnum<TenantType>.Names)}.");
        }

        if (options.Json is null)
        {
            errors.Add("Json must not be null.");
        }
        else
        {
            if (options.Json.MaxDocumentBytes < 1)
            {
                errors.Add($"Json:MaxDocumentBytes {options.Json.MaxDocumentBytes} must be at least 1.");
            }

            if (options.Json.MaxDepth is < 1 or > 1000)
            {
                errors.Add($"Json:MaxDepth {options.Json.MaxDepth} must be between 1 and 1000.");
            }
        }

        if (options.Tiers is null)
        {
            errors.Add("Tiers must not be null.");
        }
        else
        {
            foreach (var t in TierProfile.AllTiers)
            {
                ValidateLimits(options.Tiers[t], $"Tiers:{t}", errors);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateLimits(TierLimits? limits, string path, List<string> errors)
    {
        if (limits is null)
        {
            errors.Add($"{path} must not be null.");
            return;
        }

        void NotNegative(int value, string limit)
        {
            if (value < 0)
            {
                errors.Add($"{path}:{limit} {value} must not be negative.");
            }
        }

        NotNegative(limits.MaxUsers, nameof(limits.MaxUsers));
        NotNegative(limits.MaxStorageGb, nameof(limits.MaxStorageGb));
        NotNegative(limits.MaxApiCallsPerHour, nameof(limits.MaxApiCallsPerHour));
        NotNegative(limits.BestResponseTimeMs, nameof(limits.BestResponseTimeMs));
        NotNegative(limits.BestSupportResponseMinutes, nameof(limits.BestSupportResponseMinutes));
        NotNegative(limits.MaxBackupRetentionDays, nameof(limits.MaxBackupRetentionDays));
        NotNegative(limits.MaxAlertConditions, nameof(limits.MaxAlertConditions));
        NotNegative(limits.MaxRecipients, nameof(limits.MaxRecipients));
        NotNegative(limits.MaxEscalationSteps, nameof(limits.MaxEscalationSteps));
        if (limits.MaxBatchSize is < 1)
        {
            errors.Add($"{path}:MaxBatchSize {limits.MaxBatchSize} must be at least 1 (or unset for no tier limit).");
        }
        NotNegative(limits.MinCollectionIntervalSeconds, nameof(limits.MinCollectionIntervalSeconds));
        NotNegative(limits.MaxMetrics, nameof(limits.MaxMetrics));
        NotNegative(limits.MaxRetentionDays, nameof(limits.MaxRetentionDays));
        NotNegative(limits.ValidationRequestsPerSecond, nameof(limits.ValidationRequestsPerSecond));
        NotNegative(limits.ValidationBurst, nameof(limits.ValidationBurst));

        if (limits.BestUptimePercentage is < 0 or > 100 || double.IsNaN(limits.BestUptimePercentage))
        {
            errors.Add($"{path}:BestUptimePercentage {limits.BestUptimePercentage} must be between 0 and 100.");
        }

        KnownNames(limits.AllowedFeatures, WireEnum<TenantFeature>.Names, $"{path}:AllowedFeatures", errors);
        KnownNames(limits.AllowedCompliance, KnownCompliance, $"{path}:AllowedCompliance", errors);
        KnownNames(limits.AlertChannels, TierProfile.AllAlertChannels, $"{path}:AlertChannels", errors);
        KnownNames(limits.NotificationChannels, TierProfile.AllNotificationChannels, $"{path}:NotificationChannels", errors);
    }

    private static void KnownNames(IReadOnlySet<string>? names, IEnumerable<string> known, string path, List<string> errors)
    {
        var accepted = known.ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in (names ?? new HashSet<string>()).Where(n => !accepted.Contains(n)))
        {
            errors.Add($"{path} '{unknown}' is not known; accepted: {string.Join(", ", accepted)}.");
        }
    }
}
