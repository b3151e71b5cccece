namespace TenancySchemas.Tiers;

/// <summary>
/// The tier table (<c>docs/reference/tiers.md</c>): one <see cref="TierLimits"/> per <see cref="TenantType"/>. Every value can be
/// overridden from options or from configuration (<c>Tenancy:Tiers:&lt;Tier&gt;:&lt;Limit&gt;</c>).
/// </summary>
public sealed class TierProfile
{
    private static readonly string[] BaseFeatures = ["real_time_monitoring", "api_rate_limiting", "data_encryption", "audit_logging"];
    private static readonly string[] ProfessionalFeatures = [.. BaseFeatures, "advanced_analytics", "custom_alerts", "priority_support"];
    internal static readonly string[] AllFeatures =
        [.. ProfessionalFeatures, "custom_branding", "sso_integration", "multi_region_backup"];

    internal static readonly string[] AllCompliance =
        ["basic", "gdpr", "hipaa", "soc2", "iso27001", "pci_dss", "ccpa", "sox", "fisma", "nist", "csf"];

    internal static readonly string[] AllAlertChannels = ["email", "slack", "sms", "webhook", "pagerduty", "teams", "discord", "phone"];

    internal static readonly string[] AllNotificationChannels =
        ["email", "sms", "slack", "teams", "discord", "webhook", "push", "in_app", "phone", "pagerduty", "telegram", "whatsapp"];

    /// <summary>Gets the limits of the original module for trial tenants.</summary>
    public static TierLimits DefaultTrial { get; } = new()
    {
        MaxUsers = 10,
        MaxStorageGb = 10,
        MaxApiCallsPerHour = 1000,
        BestUptimePercentage = 99.0,
        BestResponseTimeMs = 2000,
        BestSupportResponseMinutes = 480,
        MaxBackupRetentionDays = 7,
        AllowedFeatures = Set(BaseFeatures),
        AllowedCompliance = Set("basic"),
        AlertChannels = Set("email"),
        NotificationChannels = Set("email", "in_app"),
        MaxAlertConditions = 3,
        MaxRecipients = 3,
        MaxEscalationSteps = 1,
        WebhooksAllowed = false,
        MinCollectionIntervalSeconds = 300,
        MaxMetrics = 10,
        MaxRetentionDays = 7,
        MlAllowed = false,
        ValidationRequestsPerSecond = 10,
        ValidationBurst = 20,
    };

    /// <summary>Gets the default limits for standard tenants.</summary>
    public static TierLimits DefaultStandard { get; } = DefaultTrial with
    {
        MaxUsers = 100,
        MaxStorageGb = 100,
        MaxApiCallsPerHour = 5000,
        BestUptimePercentage = 99.5,
        BestResponseTimeMs = 1000,
        BestSupportResponseMinutes = 240,
        MaxBackupRetentionDays = 30,
        AlertChannels = Set("email", "slack"),
        NotificationChannels = Set("email", "in_app", "slack", "push"),
        MaxAlertConditions = 10,
        MaxRecipients = 20,
        MaxEscalationSteps = 2,
        MinCollectionIntervalSeconds = 60,
        MaxMetrics = 50,
        MaxRetentionDays = 30,
        ValidationRequestsPerSecond = 100,
        ValidationBurst = 200,
    };

    /// <summary>Gets the default limits for professional tenants.</summary>
    public static TierLimits DefaultProfessional { get; } = DefaultStandard with
    {
        MaxUsers = 500,
        MaxStorageGb = 500,
        MaxApiCallsPerHour = 25000,
        BestUptimePercentage = 99.9,
        BestResponseTimeMs = 500,
        BestSupportResponseMinutes = 120,
        MaxBackupRetentionDays = 90,
        AllowedFeatures = Set(ProfessionalFeatures),
        AllowedCompliance = Set("basic", "gdpr", "soc2"),
        AlertChannels = Set("email", "slack", "teams", "discord", "webhook"),
        NotificationChannels = Set("email", "in_app", "slack", "push", "teams", "discord", "webhook", "telegram"),
        MaxAlertConditions = 25,
        MaxRecipients = 100,
        MaxEscalationSteps = 4,
        WebhooksAllowed = true,
        MinCollectionIntervalSeconds = 15,
        MaxMetrics = 200,
        MaxRetentionDays = 90,
        MlAllowed = true,
        ValidationRequestsPerSecond = 1000,
        ValidationBurst = 2000,
    };

    /// <summary>Gets the default limits for enterprise tenants.</summary>
    public static TierLimits DefaultEnterprise { get; } = DefaultProfessional with
    {
        MaxUsers = 10000,
        MaxStorageGb = 10000,
        MaxApiCallsPerHour = 100000,
        BestUptimePercentage = 99.99,
        BestResponseTimeMs = 200,
        BestSupportResponseMinutes = 30,
        MaxBackupRetentionDays = 365,
        AllowedFeatures = Set(AllFeatures),
        AllowedCompliance = Set(AllCompliance),
        AlertChannels = Set(AllAlertChannels),
        NotificationChannels = Set(AllNotificationChannels),
        MaxAlertConditions = 50,
        MaxRecipients = 1000,
        MaxEscalationSteps = 5,
        MinCollectionIntervalSeconds = 5,
        MaxMetrics = 1000,
        MaxRetentionDays = 365,
        ValidationRequestsPerSecond = 10000,
        ValidationBurst = 20000,
    };

    /// <summary>Gets or sets the limits of trial tenants. The default value is <see cref="DefaultTrial"/>.</summary>
    public TierLimits Trial { get; set; } = DefaultTrial;

    /// <summary>Gets or sets the limits of standard tenants. The default value is <see cref="DefaultStandard"/>.</summary>
    public TierLimits Standard { get; set; } = DefaultStandard;

    /// <summary>Gets or sets the limits of professional tenants. The default value is <see cref="DefaultProfessional"/>.</summary>
    public TierLimits Professional { get; set; } = DefaultProfessional;

    /// <summary>Gets or sets the limits of enterprise tenants. The default value is <see cref="DefaultEnterprise"/>.</summary>
    public TierLimits Enterprise { get; set; } = DefaultEnterprise;

    /// <summary>Gets or sets the limits of one tier.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The limits of <paramref name="tier"/>.</returns>
    public TierLimits this[TenantType tier]
    {
        get => tier switch
        {
            TenantType.Trial => Trial,
            TenantType.Standard => Standard,
            TenantType.Professional => Professional,
            TenantType.Enterprise => Enterprise,
            _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown tenant tier."),
        };
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            switch (tier)
            {
                case TenantType.Trial: Trial = value; break;
                case TenantType.Standard: Standard = value; break;
                case TenantType.Professional: Professional = value; break;
                case TenantType.Enterprise: Enterprise = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown tenant tier.");
            }
        }
    }

    /// <summary>
    /// A table of copies of this one's limits, for the configuration binder: it writes into the objects it finds, and
    /// the default limits are records every table shares.
    /// </summary>
    internal TierProfile Copy()
    {
        var copy = (TierProfile)MemberwiseClone();
        foreach (var tier in AllTiers)
        {
            // A tier set to null stays null, for the options validator to name.
            if (copy[tier] is { } limits)
            {
                copy[tier] = limits with { };
            }
        }

        return copy;
    }

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);

    /// <summary>Gets the tiers in the order the tier table lists them, from the lowest to the highest.</summary>
    public static IReadOnlyList<TenantType> AllTiers { get; } =
        [TenantType.Trial, TenantType.Standard, TenantType.Professional, TenantType.Enterprise];
}
