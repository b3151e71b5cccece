using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Performance;

/// <summary>The area a performance metric belongs to.</summary>
[JsonConverter(typeof(WireEnumConverter<MetricCategory>))]
public enum MetricCategory
{
    /// <summary>Wire value <c>system</c>.</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary>Wire value <c>application</c>.</summary>
    [JsonStringEnumMemberName("application")]
    Application,

    /// <summary>Wire value <c>database</c>.</summary>
    [JsonStringEnumMemberName("database")]
    Database,

    /// <summary>Wire value <c>network</c>.</summary>
    [JsonStringEnumMemberName("network")]
    Network,

    /// <summary>Wire value <c>business</c>.</summary>
    [JsonStringEnumMemberName("business")]
    Business,

    /// <summary>Wire value <c>user_experience</c>.</summary>
    [JsonStringEnumMemberName("user_experience")]
    UserExperience,

    /// <summary>Wire value <c>security</c>.</summary>
    [JsonStringEnumMemberName("security")]
    Security,

    /// <summary>Wire value <c>cost</c>.</summary>
    [JsonStringEnumMemberName("cost")]
    Cost,
}

/// <summary>A unit of measure (used by no member; kept for producers of the original module).</summary>
[JsonConverter(typeof(WireEnumConverter<MetricUnit>))]
public enum MetricUnit
{
    /// <summary>Wire value <c>percentage</c>.</summary>
    [JsonStringEnumMemberName("percentage")]
    Percentage,

    /// <summary>Wire value <c>milliseconds</c>.</summary>
    [JsonStringEnumMemberName("milliseconds")]
    Milliseconds,

    /// <summary>Wire value <c>seconds</c>.</summary>
    [JsonStringEnumMemberName("seconds")]
    Seconds,

    /// <summary>Wire value <c>bytes</c>.</summary>
    [JsonStringEnumMemberName("bytes")]
    Bytes,

    /// <summary>Wire value <c>kilobytes</c>.</summary>
    [JsonStringEnumMemberName("kilobytes")]
    Kilobytes,

    /// <summary>Wire value <c>megabytes</c>.</summary>
    [JsonStringEnumMemberName("megabytes")]
    Megabytes,

    /// <summary>Wire value <c>gigabytes</c>.</summary>
    [JsonStringEnumMemberName("gigabytes")]
    Gigabytes,

    /// <summary>Wire value <c>count</c>.</summary>
    [JsonStringEnumMemberName("count")]
    Count,

    /// <summary>Wire value <c>rate_per_second</c>.</summary>
    [JsonStringEnumMemberName("rate_per_second")]
    RatePerSecond,

    /// <summary>Wire value <c>currency_usd</c>.</summary>
    [JsonStringEnumMemberName("currency_usd")]
    CurrencyUsd,

    /// <summary>Wire value <c>currency_eur</c>.</summary>
    [JsonStringEnumMemberName("currency_eur")]
    CurrencyEur,
}

/// <summary>Where a metric is heading.</summary>
[JsonConverter(typeof(WireEnumConverter<TrendDirection>))]
public enum TrendDirection
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

    /// <summary>Wire value <c>unknown</c>.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>An informal health band (excellent &gt; 95 %, good 90-95, acceptable 80-90, poor 70-80, critical &lt; 70); never derived.</summary>
[JsonConverter(typeof(WireEnumConverter<PerformanceStatus>))]
public enum PerformanceStatus
{
    /// <summary>Wire value <c>excellent</c>.</summary>
    [JsonStringEnumMemberName("excellent")]
    Excellent,

    /// <summary>Wire value <c>good</c>.</summary>
    [JsonStringEnumMemberName("good")]
    Good,

    /// <summary>Wire value <c>acceptable</c>.</summary>
    [JsonStringEnumMemberName("acceptable")]
    Acceptable,

    /// <summary>Wire value <c>poor</c>.</summary>
    [JsonStringEnumMemberName("poor")]
    Poor,

    /// <summary>Wire value <c>critical</c>.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,
}

/// <summary>The kind of an anomaly.</summary>
[JsonConverter(typeof(WireEnumConverter<AnomalyType>))]
public enum AnomalyType
{
    /// <summary>Wire value <c>spike</c>.</summary>
    [JsonStringEnumMemberName("spike")]
    Spike,

    /// <summary>Wire value <c>drop</c>.</summary>
    [JsonStringEnumMemberName("drop")]
    Drop,

    /// <summary>Wire value <c>trend_change</c>.</summary>
    [JsonStringEnumMemberName("trend_change")]
    TrendChange,

    /// <summary>Wire value <c>seasonal</c>.</summary>
    [JsonStringEnumMemberName("seasonal")]
    Seasonal,

    /// <summary>Wire value <c>outlier</c>.</summary>
    [JsonStringEnumMemberName("outlier")]
    Outlier,

    /// <summary>Wire value <c>pattern_break</c>.</summary>
    [JsonStringEnumMemberName("pattern_break")]
    PatternBreak,
}

/// <summary>How a metric threshold compares.</summary>
[JsonConverter(typeof(WireEnumConverter<ThresholdOperator>))]
public enum ThresholdOperator
{
    /// <summary>Wire value <c>gt</c>.</summary>
    [JsonStringEnumMemberName("gt")]
    Gt,

    /// <summary>Wire value <c>gte</c>.</summary>
    [JsonStringEnumMemberName("gte")]
    Gte,

    /// <summary>Wire value <c>lt</c>.</summary>
    [JsonStringEnumMemberName("lt")]
    Lt,

    /// <summary>Wire value <c>lte</c>.</summary>
    [JsonStringEnumMemberName("lte")]
    Lte,

    /// <summary>Wire value <c>eq</c>.</summary>
    [JsonStringEnumMemberName("eq")]
    Eq,

    /// <summary>Wire value <c>between</c>.</summary>
    [JsonStringEnumMemberName("between")]
    Between,
}

/// <summary>How important an optimization is.</summary>
[JsonConverter(typeof(WireEnumConverter<OptimizationPriority>))]
public enum OptimizationPriority
{
    /// <summary>Wire value <c>low</c>.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Wire value <c>medium</c>.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>Wire value <c>high</c>.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Wire value <c>critical</c>.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,
}

/// <summary>How much work an optimization is.</summary>
[JsonConverter(typeof(WireEnumConverter<ImplementationEffort>))]
public enum ImplementationEffort
{
    /// <summary>Wire value <c>low</c>.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Wire value <c>medium</c>.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>Wire value <c>high</c>.</summary>
    [JsonStringEnumMemberName("high")]
    High,
}
