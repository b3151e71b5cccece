using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Tenants;

/// <summary>The lifecycle status of a tenant.</summary>
[JsonConverter(typeof(WireEnumConverter<TenantStatus>))]
public enum TenantStatus
{
    /// <summary>Wire value <c>active</c>.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Wire value <c>suspended</c>.</summary>
    [JsonStringEnumMemberName("suspended")]
    Suspended,

    /// <summary>Wire value <c>provisioning</c>.</summary>
    [JsonStringEnumMemberName("provisioning")]
    Provisioning,

    /// <summary>Wire value <c>deprovisioning</c>.</summary>
    [JsonStringEnumMemberName("deprovisioning")]
    Deprovisioning,

    /// <summary>Wire value <c>maintenance</c>.</summary>
    [JsonStringEnumMemberName("maintenance")]
    Maintenance,

    /// <summary>Wire value <c>archived</c>.</summary>
    [JsonStringEnumMemberName("archived")]
    Archived,
}

/// <summary>A compliance level a tenant claims. Distinct from the compliance family's standards: it has <c>basic</c>.</summary>
[JsonConverter(typeof(WireEnumConverter<ComplianceLevel>))]
public enum ComplianceLevel
{
    /// <summary>Wire value <c>basic</c>.</summary>
    [JsonStringEnumMemberName("basic")]
    Basic,

    /// <summary>Wire value <c>gdpr</c>.</summary>
    [JsonStringEnumMemberName("gdpr")]
    Gdpr,

    /// <summary>Wire value <c>hipaa</c>.</summary>
    [JsonStringEnumMemberName("hipaa")]
    Hipaa,

    /// <summary>Wire value <c>soc2</c>.</summary>
    [JsonStringEnumMemberName("soc2")]
    Soc2,

    /// <summary>Wire value <c>iso27001</c>.</summary>
    [JsonStringEnumMemberName("iso27001")]
    Iso27001,

    /// <summary>Wire value <c>pci_dss</c>.</summary>
    [JsonStringEnumMemberName("pci_dss")]
    PciDss,
}

/// <summary>A feature a tenant can enable.</summary>
[JsonConverter(typeof(WireEnumConverter<TenantFeature>))]
public enum TenantFeature
{
    /// <summary>Wire value <c>advanced_analytics</c>.</summary>
    [JsonStringEnumMemberName("advanced_analytics")]
    AdvancedAnalytics,

    /// <summary>Wire value <c>custom_alerts</c>.</summary>
    [JsonStringEnumMemberName("custom_alerts")]
    CustomAlerts,

    /// <summary>Wire value <c>real_time_monitoring</c>.</summary>
    [JsonStringEnumMemberName("real_time_monitoring")]
    RealTimeMonitoring,

    /// <summary>Wire value <c>api_rate_limiting</c>.</summary>
    [JsonStringEnumMemberName("api_rate_limiting")]
    ApiRateLimiting,

    /// <summary>Wire value <c>data_encryption</c>.</summary>
    [JsonStringEnumMemberName("data_encryption")]
    DataEncryption,

    /// <summary>Wire value <c>audit_logging</c>.</summary>
    [JsonStringEnumMemberName("audit_logging")]
    AuditLogging,

    /// <summary>Wire value <c>priority_support</c>.</summary>
    [JsonStringEnumMemberName("priority_support")]
    PrioritySupport,

    /// <summary>Wire value <c>custom_branding</c>.</summary>
    [JsonStringEnumMemberName("custom_branding")]
    CustomBranding,

    /// <summary>Wire value <c>sso_integration</c>.</summary>
    [JsonStringEnumMemberName("sso_integration")]
    SsoIntegration,

    /// <summary>Wire value <c>multi_region_backup</c>.</summary>
    [JsonStringEnumMemberName("multi_region_backup")]
    MultiRegionBackup,
}

/// <summary>The log level of a tenant's monitoring (upper case on the wire).</summary>
[JsonConverter(typeof(WireEnumConverter<TenantLogLevel>))]
public enum TenantLogLevel
{
    /// <summary>Wire value <c>DEBUG</c>.</summary>
    [JsonStringEnumMemberName("DEBUG")]
    Debug,

    /// <summary>Wire value <c>INFO</c>.</summary>
    [JsonStringEnumMemberName("INFO")]
    Info,

    /// <summary>Wire value <c>WARNING</c>.</summary>
    [JsonStringEnumMemberName("WARNING")]
    Warning,

    /// <summary>Wire value <c>ERROR</c>.</summary>
    [JsonStringEnumMemberName("ERROR")]
    Error,

    /// <summary>Wire value <c>CRITICAL</c>.</summary>
    [JsonStringEnumMemberName("CRITICAL")]
    Critical,
}

/// <summary>How a tenant is billed.</summary>
[JsonConverter(typeof(WireEnumConverter<BillingCycle>))]
public enum BillingCycle
{
    /// <summary>Wire value <c>monthly</c>.</summary>
    [JsonStringEnumMemberName("monthly")]
    Monthly,

    /// <summary>Wire value <c>yearly</c>.</summary>
    [JsonStringEnumMemberName("yearly")]
    Yearly,

    /// <summary>Wire value <c>usage_based</c>.</summary>
    [JsonStringEnumMemberName("usage_based")]
    UsageBased,
}
