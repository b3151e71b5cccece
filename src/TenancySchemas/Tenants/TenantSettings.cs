using System.Text;
using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Security;

namespace TenancySchemas.Tenants;

/// <summary>A tenant's numeric limits. A null quota means "the tier maximum applies".</summary>
public sealed record TenantQuotas
{
    /// <summary>Gets the most users (≥ 1), or null for the tier maximum.</summary>
    public int? MaxUsers { get; init; }

    /// <summary>Gets the most storage in GB (≥ 1), or null for the tier maximum.</summary>
    public int? MaxStorageGb { get; init; }

    /// <summary>Gets the most API calls per hour (≥ 100), or null for the tier maximum.</summary>
    public int? MaxApiCallsPerHour { get; init; }

    /// <summary>Gets the backup retention in days (1-365), or null for the tier maximum.</summary>
    public int? BackupRetention { get; init; }
}

/// <summary>A tenant's service-level promises. Null values take the tier's values.</summary>
public sealed record TenantSla
{
    /// <summary>Gets the promised uptime percentage (95-100), or null for the tier value (no tier: 99.9).</summary>
    public double? UptimePercentage { get; init; }

    /// <summary>Gets the promised response time in ms (50-5000), or null for the tier value (no tier: 500).</summary>
    public int? ResponseTimeMs { get; init; }

    /// <summary>Gets the recovery time objective in hours (1-72). The default value is 4.</summary>
    public int RecoveryTimeHours { get; init; } = 4;

    /// <summary>Gets the backup frequency in hours (1-168). The default value is 24.</summary>
    public int BackupFrequencyHours { get; init; } = 24;

    /// <summary>Gets the promised support response in minutes (5-1440), or null for the tier value (no tier: 60).</summary>
    public int? SupportResponseMinutes { get; init; }

    /// <summary>Gets the data retention in days (30-2555). The default value is 365.</summary>
    public int DataRetentionDays { get; init; } = 365;
}

/// <summary>A tenant's security settings.</summary>
public sealed record TenantSecurityConfig
{
    /// <summary>Gets the encryption algorithm. The default value is <c>AES-256</c>.</summary>
    public string EncryptionLevel { get; init; } = "AES-256";

    /// <summary>Gets a value indicating whether TLS is required. The default value is <see langword="true"/>.</summary>
    public bool SslRequired { get; init; } = true;

    /// <summary>Gets a value indicating whether multi-factor authentication is required. The default value is <see langword="false"/>.</summary>
    public bool MfaRequired { get; init; }

    /// <summary>Gets the free-form password policy. The default value requires 8 characters of every class and a 90-day maximum age.</summary>
    public IReadOnlyDictionary<string, JsonElement> PasswordPolicy { get; init => field = ValueMap<JsonElement>.From(value); } = DefaultPasswordPolicy;

    /// <summary>Gets the session timeout in minutes (5-480). The default value is 60.</summary>
    public int SessionTimeoutMinutes { get; init; } = 60;

    /// <summary>Gets the IP addresses or CIDR ranges allowed to connect, or null for any.</summary>
    public IReadOnlyList<string>? IpWhitelist { get; init => field = value is null ? null : ValueList<string>.From(value); }

    /// <summary>Gets the domains allowed to sign in, or null for any.</summary>
    public IReadOnlyList<string>? AllowedDomains { get; init => field = value is null ? null : ValueList<string>.From(value); }

    /// <summary>Gets the audit log retention in days (90-2555). The default value is 365.</summary>
    public int AuditRetentionDays { get; init; } = 365;

    private static IReadOnlyDictionary<string, JsonElement> DefaultPasswordPolicy { get; } = CreateDefaultPasswordPolicy();

    private static IReadOnlyDictionary<string, JsonElement> CreateDefaultPasswordPolicy()
    {
        using var document = JsonDocument.Parse(
            """{"min_length":8,"require_uppercase":true,"require_lowercase":true,"require_numbers":true,"require_special":true,"max_age_days":90}""");
        return ValueMap<JsonElement>.From(document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.Clone())));
    }
}

/// <summary>A tenant's monitoring settings.</summary>
public sealed record TenantMonitoringConfig
{
    /// <summary>Gets a value indicating whether metrics are collected. The default value is <see langword="true"/>.</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>Gets a value indicating whether alerting is on. The default value is <see langword="true"/>.</summary>
    public bool AlertingEnabled { get; init; } = true;

    /// <summary>Gets a value indicating whether custom dashboards are on. The default value is <see langword="false"/>.</summary>
    public bool CustomDashboards { get; init; }

    /// <summary>Gets a value indicating whether real-time alerts are on. The default value is <see langword="true"/>.</summary>
    public bool RealTimeAlerts { get; init; } = true;

    /// <summary>Gets the log level. The default value is <see cref="TenantLogLevel.Info"/>.</summary>
    public TenantLogLevel LogLevel { get; init; } = TenantLogLevel.Info;

    /// <summary>Gets the monitoring data retention in days (7-365), or null for the tier maximum (no tier: 90).</summary>
    public int? RetentionDays { get; init; }

    /// <summary>Gets a value indicating whether performance profiling is on. The default value is <see langword="false"/>.</summary>
    public bool PerformanceProfiling { get; init; }

    /// <summary>Gets a value indicating whether errors are tracked. The default value is <see langword="true"/>.</summary>
    public bool ErrorTracking { get; init; } = true;
}

/// <summary>A tenant's billing settings.</summary>
public sealed record TenantBillingConfig
{
    /// <summary>Gets the billing cycle. The default value is <see cref="BillingCycle.Monthly"/>.</summary>
    public BillingCycle BillingCycle { get; init; } = BillingCycle.Monthly;

    /// <summary>Gets the ISO 4217 currency code (three upper-case letters). The default value is <c>USD</c>.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>Gets a value indicating whether auto-scaling is on. The default value is <see langword="false"/>.</summary>
    public bool AutoScalingEnabled { get; init; }

    /// <summary>Gets a value indicating whether overage is charged. The default value is <see langword="true"/>.</summary>
    public bool OverageCharges { get; init; } = true;

    /// <summary>Gets the payment method reference (sensitive).</summary>
    [Sensitive]
    public string? PaymentMethod { get; init; }

    /// <summary>Gets the credit limit (≥ 0).</summary>
    public double? CreditLimit { get; init; }

    /// <summary>Gets the invoice email address (sensitive).</summary>
    [Sensitive]
    public string? InvoiceEmail { get; init; }

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}
