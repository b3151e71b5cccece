using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Warnings;

/// <summary>How severe a warning is.</summary>
[JsonConverter(typeof(WireEnumConverter<WarningSeverity>))]
public enum WarningSeverity
{
    /// <summary>Wire value <c>urgent</c>.</summary>
    [JsonStringEnumMemberName("urgent")]
    Urgent,

    /// <summary>Wire value <c>high</c>.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Wire value <c>medium</c>.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>Wire value <c>low</c>.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Wire value <c>advisory</c>.</summary>
    [JsonStringEnumMemberName("advisory")]
    Advisory,
}

/// <summary>What kind of warning it is.</summary>
[JsonConverter(typeof(WireEnumConverter<WarningType>))]
public enum WarningType
{
    /// <summary>Wire value <c>threshold_approaching</c>.</summary>
    [JsonStringEnumMemberName("threshold_approaching")]
    ThresholdApproaching,

    /// <summary>Wire value <c>performance_degradation</c>.</summary>
    [JsonStringEnumMemberName("performance_degradation")]
    PerformanceDegradation,

    /// <summary>Wire value <c>capacity_warning</c>.</summary>
    [JsonStringEnumMemberName("capacity_warning")]
    CapacityWarning,

    /// <summary>Wire value <c>security_concern</c>.</summary>
    [JsonStringEnumMemberName("security_concern")]
    SecurityConcern,

    /// <summary>Wire value <c>maintenance_required</c>.</summary>
    [JsonStringEnumMemberName("maintenance_required")]
    MaintenanceRequired,

    /// <summary>Wire value <c>compliance_issue</c>.</summary>
    [JsonStringEnumMemberName("compliance_issue")]
    ComplianceIssue,

    /// <summary>Wire value <c>quota_warning</c>.</summary>
    [JsonStringEnumMemberName("quota_warning")]
    QuotaWarning,

    /// <summary>Wire value <c>anomaly_detected</c>.</summary>
    [JsonStringEnumMemberName("anomaly_detected")]
    AnomalyDetected,

    /// <summary>Wire value <c>predictive_alert</c>.</summary>
    [JsonStringEnumMemberName("predictive_alert")]
    PredictiveAlert,
}

/// <summary>The area a warning concerns.</summary>
[JsonConverter(typeof(WireEnumConverter<WarningCategory>))]
public enum WarningCategory
{
    /// <summary>Wire value <c>system</c>.</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary>Wire value <c>application</c>.</summary>
    [JsonStringEnumMemberName("application")]
    Application,

    /// <summary>Wire value <c>infrastructure</c>.</summary>
    [JsonStringEnumMemberName("infrastructure")]
    Infrastructure,

    /// <summary>Wire value <c>security</c>.</summary>
    [JsonStringEnumMemberName("security")]
    Security,

    /// <summary>Wire value <c>business</c>.</summary>
    [JsonStringEnumMemberName("business")]
    Business,

    /// <summary>Wire value <c>user_experience</c>.</summary>
    [JsonStringEnumMemberName("user_experience")]
    UserExperience,

    /// <summary>Wire value <c>compliance</c>.</summary>
    [JsonStringEnumMemberName("compliance")]
    Compliance,

    /// <summary>Wire value <c>financial</c>.</summary>
    [JsonStringEnumMemberName("financial")]
    Financial,
}

/// <summary>The lifecycle status of a warning.</summary>
[JsonConverter(typeof(WireEnumConverter<WarningStatus>))]
public enum WarningStatus
{
    /// <summary>Wire value <c>active</c>.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Wire value <c>acknowledged</c>.</summary>
    [JsonStringEnumMemberName("acknowledged")]
    Acknowledged,

    /// <summary>Wire value <c>investigating</c>.</summary>
    [JsonStringEnumMemberName("investigating")]
    Investigating,

    /// <summary>Wire value <c>mitigated</c>.</summary>
    [JsonStringEnumMemberName("mitigated")]
    Mitigated,

    /// <summary>Wire value <c>resolved</c>.</summary>
    [JsonStringEnumMemberName("resolved")]
    Resolved,

    /// <summary>Wire value <c>expired</c>.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>Wire value <c>suppressed</c>.</summary>
    [JsonStringEnumMemberName("suppressed")]
    Suppressed,
}

/// <summary>How likely a warning is to escalate: very_low (&lt; 10 %), low (10-25), medium (25-50), high (50-75), very_high (&gt; 75).</summary>
[JsonConverter(typeof(WireEnumConverter<EscalationProbability>))]
public enum EscalationProbability
{
    /// <summary>Wire value <c>very_low</c>.</summary>
    [JsonStringEnumMemberName("very_low")]
    VeryLow,

    /// <summary>Wire value <c>low</c>.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Wire value <c>medium</c>.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>Wire value <c>high</c>.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Wire value <c>very_high</c>.</summary>
    [JsonStringEnumMemberName("very_high")]
    VeryHigh,
}

/// <summary>Where a warning comes from.</summary>
[JsonConverter(typeof(WireEnumConverter<WarningSource>))]
public enum WarningSource
{
    /// <summary>Wire value <c>monitoring_system</c>.</summary>
    [JsonStringEnumMemberName("monitoring_system")]
    MonitoringSystem,

    /// <summary>Wire value <c>ml_prediction</c>.</summary>
    [JsonStringEnumMemberName("ml_prediction")]
    MlPrediction,

    /// <summary>Wire value <c>anomaly_detection</c>.</summary>
    [JsonStringEnumMemberName("anomaly_detection")]
    AnomalyDetection,

    /// <summary>Wire value <c>user_report</c>.</summary>
    [JsonStringEnumMemberName("user_report")]
    UserReport,

    /// <summary>Wire value <c>automated_check</c>.</summary>
    [JsonStringEnumMemberName("automated_check")]
    AutomatedCheck,

    /// <summary>Wire value <c>external_feed</c>.</summary>
    [JsonStringEnumMemberName("external_feed")]
    ExternalFeed,

    /// <summary>Wire value <c>scheduled_analysis</c>.</summary>
    [JsonStringEnumMemberName("scheduled_analysis")]
    ScheduledAnalysis,
}

/// <summary>The direction a metric moves in.</summary>
[JsonConverter(typeof(WireEnumConverter<MetricTrend>))]
public enum MetricTrend
{
    /// <summary>Wire value <c>increasing</c>.</summary>
    [JsonStringEnumMemberName("increasing")]
    Increasing,

    /// <summary>Wire value <c>decreasing</c>.</summary>
    [JsonStringEnumMemberName("decreasing")]
    Decreasing,

    /// <summary>Wire value <c>stable</c>.</summary>
    [JsonStringEnumMemberName("stable")]
    Stable,

    /// <summary>Wire value <c>volatile</c>.</summary>
    [JsonStringEnumMemberName("volatile")]
    Volatile,
}
