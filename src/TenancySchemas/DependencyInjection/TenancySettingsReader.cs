using System.Globalization;
using Microsoft.Extensions.Configuration;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Tiers;
using static TenancySchemas.DependencyInjection.TenancySettingNames;

namespace TenancySchemas.DependencyInjection;

/// <summary>
/// Applies text settings (environment variables, configuration values) to the options. A value that cannot be
/// read is kept as a setting error for the options validator, so that start-up fails naming the setting instead of
/// throwing a conversion exception from the middle of the container.
/// </summary>
internal static class TenancySettingsReader
{
    public static void ApplySchemaVersion(TenancySchemaOptions options, string? value, string source)
    {
        if (value is null)
        {
            return;
        }

        if (string.Equals(value.Trim(), TenancySchemaOptions.CurrentSchemaVersion, StringComparison.OrdinalIgnoreCase))
        {
            options.SchemaVersion = TenancySchemaOptions.CurrentSchemaVersion;
        }
        else
        {
            options.SettingErrors.Add($"{source} '{value}' is not a supported schema version; accepted: {TenancySchemaOptions.CurrentSchemaVersion}.");
        }
    }

    public static void ApplyDefaultLocale(TenancySchemaOptions options, string? value, string source)
    {
        if (value is null)
        {
            return;
        }

        var locale = value.Trim().ToLowerInvariant();
        if (Localization.MessageCulture.IsSupported(locale))
        {
            options.DefaultLocale = locale;
        }
        else
        {
            options.SettingErrors.Add($"{source} '{value}' is not a supported locale; accepted: {string.Join(", ", Localization.MessageCulture.Supported)}.");
        }
    }

    public static void ApplyIsolationLevel(TenancySchemaOptions options, string? value, string source)
    {
        if (value is null)
        {
            return;
        }

        if (WireEnum<IsolationLevel>.TryParse(value.Trim().ToLowerInvariant(), out var level))
        {
            options.IsolationLevel = level;
        }
        else
        {
            options.SettingErrors.Add($"{source} '{value}' is not an isolation level; accepted: {string.Join(", ", WireEnum<IsolationLevel>.Names)}.");
        }
    }

    /// <summary>Binds a configuration section such as <c>Tenancy</c>.</summary>
    public static void ApplySection(TenancySchemaOptions options, IConfiguration section, string sectionPath)
    {
        ApplySchemaVersion(options, section[SchemaVersionKey], $"{sectionPath}:{SchemaVersionKey}");
        ApplyDefaultLocale(options, section[DefaultLocaleKey], $"{sectionPath}:{DefaultLocaleKey}");
        ApplyIsolationLevel(options, section[IsolationLevelKey], $"{sectionPath}:{IsolationLevelKey}");

        if (section[DefaultTierKey] is { } defaultTier)
        {
            options.DefaultTier = ParseTier(options, defaultTier, $"{sectionPath}:{DefaultTierKey}") ?? options.DefaultTier;
        }

        foreach (var tenant in section.GetSection(TenantTiersKey).GetChildren())
        {
            if (tenant.Value is not null && ParseTier(options, tenant.Value, tenant.Path) is { } tier)
            {
                options.TenantTiers[tenant.Key] = tier;
            }
        }

        foreach (var tier in TierProfile.AllTiers)
        {
            var tierSection = section.GetSection(TiersKey).GetSection(tier.ToString());
            if (tierSection.GetChildren().Any())
            {
                options.Tiers[tier] = BindLimits(options, options.Tiers[tier], tierSection);
            }
        }

        var json = section.GetSection(JsonKey);
        options.Json = new TenancyJsonOptions
        {
            MaxDocumentBytes = Int(options, json, nameof(TenancyJsonOptions.MaxDocumentBytes), options.Json.MaxDocumentBytes),
            MaxDepth = Int(options, json, nameof(TenancyJsonOptions.MaxDepth), options.Json.MaxDepth),
            IgnoreUnknownNestedMembers = Bool(options, json, nameof(TenancyJsonOptions.IgnoreUnknownNestedMembers), options.Json.IgnoreUnknownNestedMembers),
        };
    }

    private static TenantType? ParseTier(TenancySchemaOptions options, string value, string source)
    {
        if (WireEnum<TenantType>.TryParse(value.Trim().ToLowerInvariant(), out var tier))
        {
            return tier;
        }

        options.SettingErrors.Add($"{source} '{value}' is not a tier; accepted: {string.Join(", ", WireEnum<TenantType>.Names)}.");
        return null;
    }

    // Every limit is bound explicitly: the configuration binder would append configured lists to the default sets
    // instead of replacing them, and would throw on a malformed number instead of naming the setting.
    private static TierLimits BindLimits(TenancySchemaOptions o, TierLimits l, IConfigurationSection s) => l with
    {
        MaxUsers = Int(o, s, nameof(TierLimits.MaxUsers), l.MaxUsers),
        MaxStorageGb = Int(o, s, nameof(TierLimits.MaxStorageGb), l.MaxStorageGb),
        MaxApiCallsPerHour = Int(o, s, nameof(TierLimits.MaxApiCallsPerHour), l.MaxApiCallsPerHour),
        BestUptimePercentage = Double(o, s, nameof(TierLimits.BestUptimePercentage), l.BestUptimePercentage),
        BestResponseTimeMs = Int(o, s, nameof(TierLimits.BestResponseTimeMs), l.BestResponseTimeMs),
        BestSupportResponseMinutes = Int(o, s, nameof(TierLimits.BestSupportResponseMinutes), l.BestSupportResponseMinutes),
        MaxBackupRetentionDays = Int(o, s, nameof(TierLimits.MaxBackupRetentionDays), l.MaxBackupRetentionDays),
        AllowedFeatures = Names(s, nameof(TierLimits.AllowedFeatures), l.AllowedFeatures),
        AllowedCompliance = Names(s, nameof(TierLimits.AllowedCompliance), l.AllowedCompliance),
        AlertChannels = Names(s, nameof(TierLimits.AlertChannels), l.AlertChannels),
        NotificationChannels = Names(s, nameof(TierLimits.NotificationChannels), l.NotificationChannels),
        MaxAlertConditions = Int(o, s, nameof(TierLimits.MaxAlertConditions), l.MaxAlertConditions),
        MaxRecipients = Int(o, s, nameof(TierLimits.MaxRecipients), l.MaxRecipients),
        MaxEscalationSteps = Int(o, s, nameof(TierLimits.MaxEscalationSteps), l.MaxEscalationSteps),
        MaxBatchSize = OptionalInt(o, s, nameof(TierLimits.MaxBatchSize), l.MaxBatchSize),
        WebhooksAllowed = Bool(o, s, nameof(TierLimits.WebhooksAllowed), l.WebhooksAllowed),
        MinCollectionIntervalSeconds = Int(o, s, nameof(TierLimits.MinCollectionIntervalSeconds), l.MinCollectionIntervalSeconds),
        MaxMetrics = Int(o, s, nameof(TierLimits.MaxMetrics), l.MaxMetrics),
        MaxRetentionDays = Int(o, s, nameof(TierLimits.MaxRetentionDays), l.MaxRetentionDays),
        MlAllowed = Bool(o, s, nameof(TierLimits.MlAllowed), l.MlAllowed),
        ValidationRequestsPerSecond = Int(o, s, nameof(TierLimits.ValidationRequestsPerSecond), l.ValidationRequestsPerSecond),
        ValidationBurst = Int(o, s, nameof(TierLimits.ValidationBurst), l.ValidationBurst),
    };

    private static int Int(TenancySchemaOptions options, IConfiguration section, string key, int current)
    {
        var text = section[key];
        if (text is null)
        {
            return current;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        options.SettingErrors.Add($"{Path(section, key)} '{text}' is not a whole number.");
        return current;
    }

    // An empty value clears an optional limit ("no tier limit"), so configuration can undo an earlier layer.
    private static int? OptionalInt(TenancySchemaOptions options, IConfiguration section, string key, int? current) =>
        section[key] is { Length: 0 } ? null : section[key] is null ? current : Int(options, section, key, current ?? 0);

    private static double Double(TenancySchemaOptions options, IConfiguration section, string key, double current)
    {
        var text = section[key];
        if (text is null)
        {
            return current;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        options.SettingErrors.Add($"{Path(section, key)} '{text}' is not a number.");
        return current;
    }

    private static bool Bool(TenancySchemaOptions options, IConfiguration section, string key, bool current)
    {
        var text = section[key];
        if (text is null)
        {
            return current;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        options.SettingErrors.Add($"{Path(section, key)} '{text}' is not true or false.");
        return current;
    }

    private static IReadOnlySet<string> Names(IConfiguration section, string key, IReadOnlySet<string> current)
    {
        var child = section.GetSection(key);
        if (child.Value is { } commaSeparated)
        {
            return commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        }

        var items = child.GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        return items.Length > 0 ? items.ToHashSet(StringComparer.Ordinal) : current;
    }

    private static string Path(IConfiguration section, string key) => section is IConfigurationSection s ? $"{s.Path}:{key}" : key;
}
