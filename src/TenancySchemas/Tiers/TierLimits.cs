using TenancySchemas.Common;

namespace TenancySchemas.Tiers;

/// <summary>
/// The limits of one tenant tier (<c>docs/reference/tiers.md</c>). Collections hold wire names so that the tier table can be
/// bound from configuration (<c>Tenancy:Tiers:Trial:MaxUsers</c>) without knowing every schema family.
/// </summary>
/// <remarks>
/// Every property is a configuration key and is checked at start by its validation attribute: a new limit is a
/// property here, with its attribute, and its values in <see cref="TierProfile"/>'s table, nothing else. A configured list
/// (<c>Tenancy:Tiers:Trial:AlertChannels:0=email</c>) replaces the tier's default list.
/// </remarks>
public sealed record TierLimits
{
    /// <summary>Gets the most users a tenant of this tier may have.</summary>
    [Limit(0)]
    public int MaxUsers { get; init; }

    /// <summary>Gets the most storage, in GB, a tenant of this tier may have.</summary>
    [Limit(0)]
    public int MaxStorageGb { get; init; }

    /// <summary>Gets the most API calls per hour a tenant of this tier may have.</summary>
    [Limit(0)]
    public int MaxApiCallsPerHour { get; init; }

    /// <summary>Gets the highest uptime percentage a configuration of this tier may promise.</summary>
    [Limit(0.0, 100.0)]
    public double BestUptimePercentage { get; init; }

    /// <summary>Gets the fastest response time, in milliseconds, a configuration of this tier may promise.</summary>
    [Limit(0)]
    public int BestResponseTimeMs { get; init; }

    /// <summary>Gets the fastest support response, in minutes, a configuration of this tier may promise.</summary>
    [Limit(0)]
    public int BestSupportResponseMinutes { get; init; }

    /// <summary>Gets the longest backup retention, in days.</summary>
    [Limit(0)]
    public int MaxBackupRetentionDays { get; init; }

    /// <summary>Gets the wire names of the tenant features this tier may enable.</summary>
    [KnownNames(TierNameList.Features)]
    public IReadOnlySet<string> AllowedFeatures { get; init => field = ValueSet<string>.From(value); } = ValueSet<string>.Empty;

    /// <summary>Gets the wire names of the compliance levels and standards this tier may claim.</summary>
    [KnownNames(TierNameList.Compliance)]
    public IReadOnlySet<string> AllowedCompliance { get; init => field = ValueSet<string>.From(value); } = ValueSet<string>.Empty;

    /// <summary>Gets the wire names of the alert channels this tier may use.</summary>
    [KnownNames(TierNameList.AlertChannels)]
    public IReadOnlySet<string> AlertChannels { get; init => field = ValueSet<string>.From(value); } = ValueSet<string>.Empty;

    /// <summary>Gets the wire names of the notification channels this tier may use.</summary>
    [KnownNames(TierNameList.NotificationChannels)]
    public IReadOnlySet<string> NotificationChannels { get; init => field = ValueSet<string>.From(value); } = ValueSet<string>.Empty;

    /// <summary>Gets the most conditions one alert may define.</summary>
    [Limit(0)]
    public int MaxAlertConditions { get; init; }

    /// <summary>Gets the most recipients one alert or notification may address.</summary>
    [Limit(0)]
    public int MaxRecipients { get; init; }

    /// <summary>
    /// Gets the largest <c>batch_size</c> a notification batch may use, or <see langword="null"/> for no tier limit.
    /// </summary>
    /// <remarks>
    /// The original tier table has no batch-size row, so the default is <see langword="null"/> for every tier and only the
    /// schema's own range (1-1000) applies; set it per tier (<c>Tenancy:Tiers:Trial:MaxBatchSize</c>) to enforce one.
    /// </remarks>
    [Limit(1)]
    public int? MaxBatchSize { get; init; }

    /// <summary>Gets the most escalation steps one alert may define.</summary>
    [Limit(0)]
    public int MaxEscalationSteps { get; init; }

    /// <summary>Gets a value indicating whether webhook URLs are allowed.</summary>
    public bool WebhooksAllowed { get; init; }

    /// <summary>Gets the shortest metric collection interval, in seconds.</summary>
    [Limit(0)]
    public int MinCollectionIntervalSeconds { get; init; }

    /// <summary>Gets the most metrics (metrics and custom metrics together) one monitoring configuration may define.</summary>
    [Limit(0)]
    public int MaxMetrics { get; init; }

    /// <summary>Gets the longest retention, in days, of monitoring and performance data.</summary>
    [Limit(0)]
    public int MaxRetentionDays { get; init; }

    /// <summary>Gets a value indicating whether ML predictions and automatic mitigation are allowed.</summary>
    public bool MlAllowed { get; init; }

    /// <summary>Gets the sustained number of validations per second one tenant of this tier may run.</summary>
    [Limit(0)]
    public int ValidationRequestsPerSecond { get; init; }

    /// <summary>Gets the burst of validations one tenant of this tier may run above the sustained rate.</summary>
    [Limit(0)]
    public int ValidationBurst { get; init; }
}
