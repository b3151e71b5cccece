using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TenancySchemas.Common;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Security;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tenants;

/// <summary>
/// The configuration of one tenant (<c>docs/reference/tenant-config.md</c>). Immutable; reading or constructing it never validates it —
/// use <c>IValidator&lt;TenantConfigSchema&gt;</c>, whose tier rule set follows <see cref="TenantType"/>.
/// </summary>
public sealed record TenantConfigSchema : Schemas.ITenancyDocument, IAfterRead
{
    /// <summary>Gets the tenant id (3-64 of <c>A-Z a-z 0-9 _ -</c>, starting with a letter or digit).</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the tenant's display name (2-100 characters).</summary>
    public required string TenantName { get; init; }

    /// <summary>Gets the tenant's tier; it selects the tier rule set.</summary>
    public required TenantType TenantType { get; init; }

    /// <summary>Gets the lifecycle status. The default value is <see cref="TenantStatus.Provisioning"/>.</summary>
    public TenantStatus Status { get; init; } = TenantStatus.Provisioning;

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the last update instant; never filled automatically.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the expiry instant, which must be after <see cref="CreatedAt"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets the enabled features. The default value is real-time monitoring, API rate limiting, data encryption and audit logging.</summary>
    [JsonConverter(typeof(TenantFeaturesConverter))]
    public IReadOnlySet<TenantFeature> Features
    {
        get;
        init
        {
            field = ValueSet<TenantFeature>.From(value);
            _objectFormQuotas = (value as ObjectFormFeatures)?.Quotas;
        }
    } = DefaultFeatures;

    /// <summary>Gets the numeric limits; a null quota means the tier maximum.</summary>
    public TenantQuotas Quotas { get => _quotas; init => _quotas = value; }

    // The quotas an object-form features member held, until the reader merges them (see IAfterRead).
    private TenantQuotas? _objectFormQuotas;
    private TenantQuotas _quotas = new();

    /// <summary>Gets the service-level promises.</summary>
    public TenantSla Sla { get; init; } = new();

    /// <summary>Gets the security settings.</summary>
    public TenantSecurityConfig Security { get; init; } = new();

    /// <summary>Gets the monitoring settings.</summary>
    public TenantMonitoringConfig Monitoring { get; init; } = new();

    /// <summary>Gets the billing settings.</summary>
    public TenantBillingConfig Billing { get; init; } = new();

    /// <summary>Gets the compliance levels the tenant claims. The default value is <c>[basic]</c>.</summary>
    public IReadOnlyList<ComplianceLevel> ComplianceLevels { get; init => field = ValueList<ComplianceLevel>.From(value); } = DefaultComplianceLevels;

    /// <summary>Gets how strictly the tenant's data is isolated. The default value is <see cref="Isolation.IsolationLevel.Moderate"/>.</summary>
    public IsolationLevel IsolationLevel { get; init; } = IsolationLevel.Moderate;

    /// <summary>Gets the administrator's email address (sensitive).</summary>
    [Sensitive]
    public required string AdminEmail { get; init; }

    /// <summary>Gets the contact phone number in E.164 form (sensitive).</summary>
    [Sensitive]
    public string? ContactPhone { get; init; }

    /// <summary>Gets the organization name (at most 100 characters).</summary>
    public string? Organization { get; init; }

    /// <summary>Gets the ISO 3166-1 alpha-2 country code (two upper-case letters).</summary>
    public required string CountryCode { get; init; }

    /// <summary>Gets the IANA time zone. The default value is <c>UTC</c>.</summary>
    public string Timezone { get; init; } = "UTC";

    /// <summary>Gets the tenant's custom domain URL.</summary>
    [Isolation.Url]
    public string? CustomDomain { get; init; }

    /// <summary>Gets the webhook URL (sensitive; only on tiers that allow webhooks).</summary>
    [Sensitive(SensitiveKind.Url)]
    [Isolation.Url]
    public string? WebhookUrl { get; init; }

    /// <summary>Gets named API endpoint URLs.</summary>
    [Isolation.Url]
    public IReadOnlyDictionary<string, string> ApiEndpoints { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form string tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    private static IReadOnlySet<TenantFeature> DefaultFeatures { get; } = ValueSet<TenantFeature>.From(
        [TenantFeature.RealTimeMonitoring, TenantFeature.ApiRateLimiting, TenantFeature.DataEncryption, TenantFeature.AuditLogging]);

    private static IReadOnlyList<ComplianceLevel> DefaultComplianceLevels { get; } = ValueList<ComplianceLevel>.From([ComplianceLevel.Basic]);

    /// <summary>Tells whether a feature is enabled.</summary>
    /// <param name="feature">The feature.</param>
    /// <returns><see langword="true"/> when <see cref="Features"/> contains <paramref name="feature"/>.</returns>
    public bool IsFeatureEnabled(TenantFeature feature) => Features.Contains(feature);

    /// <summary>Tells whether a feature, given by its wire name, is enabled; an unknown name is not.</summary>
    /// <param name="wireName">The feature's wire name, such as <c>custom_alerts</c>.</param>
    /// <returns><see langword="true"/> when the feature is known and enabled.</returns>
    public bool IsFeatureEnabled(string wireName)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        return WireEnum<TenantFeature>.TryParse(wireName, out var feature) && Features.Contains(feature);
    }

    /// <summary>Gets the quotas with every null replaced by the tier maximum of <see cref="TenantType"/>.</summary>
    /// <param name="profile">The tier table.</param>
    /// <returns>The effective quotas.</returns>
    public TenantQuotas GetEffectiveQuotas(TierProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var limits = profile[TenantType];
        return new TenantQuotas
        {
            MaxUsers = Quotas.MaxUsers ?? limits.MaxUsers,
            MaxStorageGb = Quotas.MaxStorageGb ?? limits.MaxStorageGb,
            MaxApiCallsPerHour = Quotas.MaxApiCallsPerHour ?? limits.MaxApiCallsPerHour,
            BackupRetention = Quotas.BackupRetention ?? limits.MaxBackupRetentionDays,
        };
    }

    /// <summary>Gets the SLA with every null replaced by the tier value of <see cref="TenantType"/>.</summary>
    /// <param name="profile">The tier table.</param>
    /// <returns>The effective SLA.</returns>
    public TenantSla GetEffectiveSla(TierProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var limits = profile[TenantType];
        return Sla with
        {
            UptimePercentage = Sla.UptimePercentage ?? limits.BestUptimePercentage,
            ResponseTimeMs = Sla.ResponseTimeMs ?? limits.BestResponseTimeMs,
            SupportResponseMinutes = Sla.SupportResponseMinutes ?? limits.BestSupportResponseMinutes,
        };
    }

    /// <summary>Lists what each claimed compliance level requires (GDPR and HIPAA; other levels are omitted, as in the original module).</summary>
    /// <returns>The requirements per compliance level.</returns>
    public IReadOnlyDictionary<ComplianceLevel, IReadOnlyList<string>> GetComplianceRequirements()
    {
        var requirements = new Dictionary<ComplianceLevel, IReadOnlyList<string>>();
        foreach (var level in ComplianceLevels)
        {
            if (level == ComplianceLevel.Gdpr)
            {
                requirements[level] = GdprRequirements;
            }
            else if (level == ComplianceLevel.Hipaa)
            {
                requirements[level] = HipaaRequirements;
            }
        }

        return requirements;
    }

    /// <summary>
    /// Checks the effective SLA against the service's own targets: <c>uptime_target</c> (≥ 99.0 %),
    /// <c>response_time</c> (≤ 1000 ms), <c>backup_frequency</c> (≤ 24 h) and <c>support_response</c> (≤ 240 min).
    /// </summary>
    /// <param name="profile">The tier table that fills unset SLA values.</param>
    /// <returns>Each check's name and whether it is met.</returns>
    public IReadOnlyDictionary<string, bool> ValidateSlaCompliance(TierProfile profile)
    {
        var sla = GetEffectiveSla(profile);
        return new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["uptime_target"] = sla.UptimePercentage >= 99.0,
            ["response_time"] = sla.ResponseTimeMs <= 1000,
            ["backup_frequency"] = sla.BackupFrequencyHours <= 24,
            ["support_response"] = sla.SupportResponseMinutes <= 240,
        };
    }

    private static readonly IReadOnlyList<string> GdprRequirements =
        ValueList<string>.From(["data_encryption", "audit_logging", "right_to_erasure", "data_portability"]);

    private static readonly IReadOnlyList<string> HipaaRequirements =
        ValueList<string>.From(["mfa_required", "audit_logging", "data_encryption", "access_controls"]);

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);

    /// <summary>Moves the numbers of an object-form <c>features</c> into <see cref="Quotas"/> once the document is read.</summary>
    void IAfterRead.AfterRead()
    {
        if (_objectFormQuotas is { } fromFeatures)
        {
            _quotas = TenantFeaturesConverter.MergeObjectFormQuotas(fromFeatures, _quotas);
            _objectFormQuotas = null;
        }
    }
}
