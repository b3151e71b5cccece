using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Monitoring;

/// <summary>The kind of a metric.</summary>
[JsonConverter(typeof(WireEnumConverter<MetricType>))]
public enum MetricType
{
    /// <summary>Wire value <c>counter</c>.</summary>
    [JsonStringEnumMemberName("counter")]
    Counter,

    /// <summary>Wire value <c>gauge</c>.</summary>
    [JsonStringEnumMemberName("gauge")]
    Gauge,

    /// <summary>Wire value <c>histogram</c>.</summary>
    [JsonStringEnumMemberName("histogram")]
    Histogram,

    /// <summary>Wire value <c>summary</c>.</summary>
    [JsonStringEnumMemberName("summary")]
    Summary,

    /// <summary>Wire value <c>timer</c>.</summary>
    [JsonStringEnumMemberName("timer")]
    Timer,
}

/// <summary>Where a metric comes from.</summary>
[JsonConverter(typeof(WireEnumConverter<MetricSource>))]
public enum MetricSource
{
    /// <summary>Wire value <c>application</c>.</summary>
    [JsonStringEnumMemberName("application")]
    Application,

    /// <summary>Wire value <c>infrastructure</c>.</summary>
    [JsonStringEnumMemberName("infrastructure")]
    Infrastructure,

    /// <summary>Wire value <c>business</c>.</summary>
    [JsonStringEnumMemberName("business")]
    Business,

    /// <summary>Wire value <c>synthetic</c>.</summary>
    [JsonStringEnumMemberName("synthetic")]
    Synthetic,

    /// <summary>Wire value <c>user_defined</c>.</summary>
    [JsonStringEnumMemberName("user_defined")]
    UserDefined,

    /// <summary>Wire value <c>external</c>.</summary>
    [JsonStringEnumMemberName("external")]
    External,
}

/// <summary>How samples of a metric are aggregated.</summary>
[JsonConverter(typeof(WireEnumConverter<AggregationMethod>))]
public enum AggregationMethod
{
    /// <summary>Wire value <c>sum</c>.</summary>
    [JsonStringEnumMemberName("sum")]
    Sum,

    /// <summary>Wire value <c>avg</c>.</summary>
    [JsonStringEnumMemberName("avg")]
    Avg,

    /// <summary>Wire value <c>min</c>.</summary>
    [JsonStringEnumMemberName("min")]
    Min,

    /// <summary>Wire value <c>max</c>.</summary>
    [JsonStringEnumMemberName("max")]
    Max,

    /// <summary>Wire value <c>count</c>.</summary>
    [JsonStringEnumMemberName("count")]
    Count,

    /// <summary>Wire value <c>rate</c>.</summary>
    [JsonStringEnumMemberName("rate")]
    Rate,

    /// <summary>Wire value <c>percentile</c>.</summary>
    [JsonStringEnumMemberName("percentile")]
    Percentile,

    /// <summary>Wire value <c>stddev</c>.</summary>
    [JsonStringEnumMemberName("stddev")]
    Stddev,
}

/// <summary>How a monitoring alert rule compares. Distinct from the alert family's <c>AlertOperator</c> (<c>neq</c> here, <c>ne</c> there).</summary>
[JsonConverter(typeof(WireEnumConverter<AlertConditionOperator>))]
public enum AlertConditionOperator
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

    /// <summary>Wire value <c>neq</c>.</summary>
    [JsonStringEnumMemberName("neq")]
    Neq,

    /// <summary>Wire value <c>contains</c>.</summary>
    [JsonStringEnumMemberName("contains")]
    Contains,

    /// <summary>Wire value <c>not_contains</c>.</summary>
    [JsonStringEnumMemberName("not_contains")]
    NotContains,

    /// <summary>Wire value <c>regex</c>.</summary>
    [JsonStringEnumMemberName("regex")]
    Regex,

    /// <summary>Wire value <c>not_regex</c>.</summary>
    [JsonStringEnumMemberName("not_regex")]
    NotRegex,
}

/// <summary>The kind of a dashboard.</summary>
[JsonConverter(typeof(WireEnumConverter<DashboardType>))]
public enum DashboardType
{
    /// <summary>Wire value <c>overview</c>.</summary>
    [JsonStringEnumMemberName("overview")]
    Overview,

    /// <summary>Wire value <c>detailed</c>.</summary>
    [JsonStringEnumMemberName("detailed")]
    Detailed,

    /// <summary>Wire value <c>executive</c>.</summary>
    [JsonStringEnumMemberName("executive")]
    Executive,

    /// <summary>Wire value <c>technical</c>.</summary>
    [JsonStringEnumMemberName("technical")]
    Technical,

    /// <summary>Wire value <c>custom</c>.</summary>
    [JsonStringEnumMemberName("custom")]
    Custom,

    /// <summary>Wire value <c>real_time</c>.</summary>
    [JsonStringEnumMemberName("real_time")]
    RealTime,
}

/// <summary>How long a metric's samples are kept.</summary>
[JsonConverter(typeof(WireEnumConverter<RetentionPeriod>))]
public enum RetentionPeriod
{
    /// <summary>Wire value <c>1h</c>.</summary>
    [JsonStringEnumMemberName("1h")]
    Hours1,

    /// <summary>Wire value <c>6h</c>.</summary>
    [JsonStringEnumMemberName("6h")]
    Hours6,

    /// <summary>Wire value <c>24h</c>.</summary>
    [JsonStringEnumMemberName("24h")]
    Hours24,

    /// <summary>Wire value <c>7d</c>.</summary>
    [JsonStringEnumMemberName("7d")]
    Days7,

    /// <summary>Wire value <c>30d</c>.</summary>
    [JsonStringEnumMemberName("30d")]
    Days30,

    /// <summary>Wire value <c>90d</c>.</summary>
    [JsonStringEnumMemberName("90d")]
    Days90,

    /// <summary>Wire value <c>365d</c>.</summary>
    [JsonStringEnumMemberName("365d")]
    Days365,

    /// <summary>Wire value <c>1095d</c>.</summary>
    [JsonStringEnumMemberName("1095d")]
    Days1095,
}

/// <summary>The kind of a dashboard panel.</summary>
[JsonConverter(typeof(WireEnumConverter<PanelType>))]
public enum PanelType
{
    /// <summary>Wire value <c>graph</c>.</summary>
    [JsonStringEnumMemberName("graph")]
    Graph,

    /// <summary>Wire value <c>table</c>.</summary>
    [JsonStringEnumMemberName("table")]
    Table,

    /// <summary>Wire value <c>stat</c>.</summary>
    [JsonStringEnumMemberName("stat")]
    Stat,

    /// <summary>Wire value <c>gauge</c>.</summary>
    [JsonStringEnumMemberName("gauge")]
    Gauge,

    /// <summary>Wire value <c>heatmap</c>.</summary>
    [JsonStringEnumMemberName("heatmap")]
    Heatmap,

    /// <summary>Wire value <c>logs</c>.</summary>
    [JsonStringEnumMemberName("logs")]
    Logs,

    /// <summary>Wire value <c>alert_list</c>.</summary>
    [JsonStringEnumMemberName("alert_list")]
    AlertList,
}

/// <summary>The kind of a monitoring target.</summary>
[JsonConverter(typeof(WireEnumConverter<TargetType>))]
public enum TargetType
{
    /// <summary>Wire value <c>service</c>.</summary>
    [JsonStringEnumMemberName("service")]
    Service,

    /// <summary>Wire value <c>instance</c>.</summary>
    [JsonStringEnumMemberName("instance")]
    Instance,

    /// <summary>Wire value <c>database</c>.</summary>
    [JsonStringEnumMemberName("database")]
    Database,

    /// <summary>Wire value <c>api</c>.</summary>
    [JsonStringEnumMemberName("api")]
    Api,

    /// <summary>Wire value <c>custom</c>.</summary>
    [JsonStringEnumMemberName("custom")]
    Custom,
}

/// <summary>Whether a monitoring target is up.</summary>
[JsonConverter(typeof(WireEnumConverter<TargetStatus>))]
public enum TargetStatus
{
    /// <summary>Wire value <c>up</c>.</summary>
    [JsonStringEnumMemberName("up")]
    Up,

    /// <summary>Wire value <c>down</c>.</summary>
    [JsonStringEnumMemberName("down")]
    Down,

    /// <summary>Wire value <c>unknown</c>.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>How severe a monitoring alert rule is. Distinct from the alert family's <c>AlertSeverity</c>.</summary>
[JsonConverter(typeof(WireEnumConverter<AlertRuleSeverity>))]
public enum AlertRuleSeverity
{
    /// <summary>Wire value <c>critical</c>.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,

    /// <summary>Wire value <c>warning</c>.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Wire value <c>info</c>.</summary>
    [JsonStringEnumMemberName("info")]
    Info,
}
