using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Alerts;

/// <summary>How severe an alert is.</summary>
[JsonConverter(typeof(WireEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    /// <summary>Wire value <c>critical</c>.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,

    /// <summary>Wire value <c>high</c>.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Wire value <c>medium</c>.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>Wire value <c>low</c>.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Wire value <c>info</c>.</summary>
    [JsonStringEnumMemberName("info")]
    Info,
}

/// <summary>The lifecycle status of an alert.</summary>
[JsonConverter(typeof(WireEnumConverter<AlertStatus>))]
public enum AlertStatus
{
    /// <summary>Wire value <c>open</c>.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>Wire value <c>acknowledged</c>.</summary>
    [JsonStringEnumMemberName("acknowledged")]
    Acknowledged,

    /// <summary>Wire value <c>in_progress</c>.</summary>
    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    /// <summary>Wire value <c>resolved</c>.</summary>
    [JsonStringEnumMemberName("resolved")]
    Resolved,

    /// <summary>Wire value <c>closed</c>.</summary>
    [JsonStringEnumMemberName("closed")]
    Closed,

    /// <summary>Wire value <c>suppressed</c>.</summary>
    [JsonStringEnumMemberName("suppressed")]
    Suppressed,
}

/// <summary>What an alert is about.</summary>
[JsonConverter(typeof(WireEnumConverter<AlertCategory>))]
public enum AlertCategory
{
    /// <summary>Wire value <c>performance</c>.</summary>
    [JsonStringEnumMemberName("performance")]
    Performance,

    /// <summary>Wire value <c>security</c>.</summary>
    [JsonStringEnumMemberName("security")]
    Security,

    /// <summary>Wire value <c>availability</c>.</summary>
    [JsonStringEnumMemberName("availability")]
    Availability,

    /// <summary>Wire value <c>capacity</c>.</summary>
    [JsonStringEnumMemberName("capacity")]
    Capacity,

    /// <summary>Wire value <c>compliance</c>.</summary>
    [JsonStringEnumMemberName("compliance")]
    Compliance,

    /// <summary>Wire value <c>business</c>.</summary>
    [JsonStringEnumMemberName("business")]
    Business,

    /// <summary>Wire value <c>technical</c>.</summary>
    [JsonStringEnumMemberName("technical")]
    Technical,

    /// <summary>Wire value <c>billing</c>.</summary>
    [JsonStringEnumMemberName("billing")]
    Billing,
}

/// <summary>A channel an alert is sent on.</summary>
[JsonConverter(typeof(WireEnumConverter<AlertChannel>))]
public enum AlertChannel
{
    /// <summary>Wire value <c>email</c>.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>Wire value <c>slack</c>.</summary>
    [JsonStringEnumMemberName("slack")]
    Slack,

    /// <summary>Wire value <c>sms</c>.</summary>
    [JsonStringEnumMemberName("sms")]
    Sms,

    /// <summary>Wire value <c>webhook</c>.</summary>
    [JsonStringEnumMemberName("webhook")]
    Webhook,

    /// <summary>Wire value <c>pagerduty</c>.</summary>
    [JsonStringEnumMemberName("pagerduty")]
    Pagerduty,

    /// <summary>Wire value <c>teams</c>.</summary>
    [JsonStringEnumMemberName("teams")]
    Teams,

    /// <summary>Wire value <c>discord</c>.</summary>
    [JsonStringEnumMemberName("discord")]
    Discord,

    /// <summary>Wire value <c>phone</c>.</summary>
    [JsonStringEnumMemberName("phone")]
    Phone,
}

/// <summary>An escalation level; levels rank in declaration order, l1 lowest, executive highest.</summary>
[JsonConverter(typeof(WireEnumConverter<EscalationLevel>))]
public enum EscalationLevel
{
    /// <summary>Wire value <c>l1</c>.</summary>
    [JsonStringEnumMemberName("l1")]
    L1,

    /// <summary>Wire value <c>l2</c>.</summary>
    [JsonStringEnumMemberName("l2")]
    L2,

    /// <summary>Wire value <c>l3</c>.</summary>
    [JsonStringEnumMemberName("l3")]
    L3,

    /// <summary>Wire value <c>l4</c>.</summary>
    [JsonStringEnumMemberName("l4")]
    L4,

    /// <summary>Wire value <c>executive</c>.</summary>
    [JsonStringEnumMemberName("executive")]
    Executive,
}

/// <summary>How an alert condition compares a metric with its threshold. Distinct from the monitoring family's <c>AlertConditionOperator</c> (<c>ne</c> here, <c>neq</c> there).</summary>
[JsonConverter(typeof(WireEnumConverter<AlertOperator>))]
public enum AlertOperator
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

    /// <summary>Wire value <c>ne</c>.</summary>
    [JsonStringEnumMemberName("ne")]
    Ne,

    /// <summary>Wire value <c>contains</c>.</summary>
    [JsonStringEnumMemberName("contains")]
    Contains,

    /// <summary>Wire value <c>not_contains</c>.</summary>
    [JsonStringEnumMemberName("not_contains")]
    NotContains,
}

/// <summary>What an alert action does.</summary>
[JsonConverter(typeof(WireEnumConverter<AlertActionType>))]
public enum AlertActionType
{
    /// <summary>Wire value <c>notification</c>.</summary>
    [JsonStringEnumMemberName("notification")]
    Notification,

    /// <summary>Wire value <c>webhook</c>.</summary>
    [JsonStringEnumMemberName("webhook")]
    Webhook,

    /// <summary>Wire value <c>script</c>.</summary>
    [JsonStringEnumMemberName("script")]
    Script,

    /// <summary>Wire value <c>escalation</c>.</summary>
    [JsonStringEnumMemberName("escalation")]
    Escalation,

    /// <summary>Wire value <c>auto_scale</c>.</summary>
    [JsonStringEnumMemberName("auto_scale")]
    AutoScale,
}
