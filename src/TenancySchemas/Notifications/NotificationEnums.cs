using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Notifications;

/// <summary>A channel a notification is delivered on.</summary>
[JsonConverter(typeof(WireEnumConverter<NotificationChannel>))]
public enum NotificationChannel
{
    /// <summary>Wire value <c>email</c>.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>Wire value <c>sms</c>.</summary>
    [JsonStringEnumMemberName("sms")]
    Sms,

    /// <summary>Wire value <c>slack</c>.</summary>
    [JsonStringEnumMemberName("slack")]
    Slack,

    /// <summary>Wire value <c>teams</c>.</summary>
    [JsonStringEnumMemberName("teams")]
    Teams,

    /// <summary>Wire value <c>discord</c>.</summary>
    [JsonStringEnumMemberName("discord")]
    Discord,

    /// <summary>Wire value <c>webhook</c>.</summary>
    [JsonStringEnumMemberName("webhook")]
    Webhook,

    /// <summary>Wire value <c>push</c>.</summary>
    [JsonStringEnumMemberName("push")]
    Push,

    /// <summary>Wire value <c>in_app</c>.</summary>
    [JsonStringEnumMemberName("in_app")]
    InApp,

    /// <summary>Wire value <c>phone</c>.</summary>
    [JsonStringEnumMemberName("phone")]
    Phone,

    /// <summary>Wire value <c>pagerduty</c>.</summary>
    [JsonStringEnumMemberName("pagerduty")]
    Pagerduty,

    /// <summary>Wire value <c>telegram</c>.</summary>
    [JsonStringEnumMemberName("telegram")]
    Telegram,

    /// <summary>Wire value <c>whatsapp</c>.</summary>
    [JsonStringEnumMemberName("whatsapp")]
    Whatsapp,
}

/// <summary>How urgent a notification is; critical ones need an immediate channel.</summary>
[JsonConverter(typeof(WireEnumConverter<NotificationPriority>))]
public enum NotificationPriority
{
    /// <summary>Wire value <c>critical</c>.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,

    /// <summary>Wire value <c>high</c>.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Wire value <c>normal</c>.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    /// <summary>Wire value <c>low</c>.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Wire value <c>silent</c>.</summary>
    [JsonStringEnumMemberName("silent")]
    Silent,
}

/// <summary>The status of a delivery.</summary>
[JsonConverter(typeof(WireEnumConverter<NotificationStatus>))]
public enum NotificationStatus
{
    /// <summary>Wire value <c>pending</c>.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Wire value <c>sent</c>.</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>Wire value <c>delivered</c>.</summary>
    [JsonStringEnumMemberName("delivered")]
    Delivered,

    /// <summary>Wire value <c>read</c>.</summary>
    [JsonStringEnumMemberName("read")]
    Read,

    /// <summary>Wire value <c>failed</c>.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Wire value <c>retry</c>.</summary>
    [JsonStringEnumMemberName("retry")]
    Retry,

    /// <summary>Wire value <c>cancelled</c>.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>Wire value <c>expired</c>.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,
}

/// <summary>What a notification is about.</summary>
[JsonConverter(typeof(WireEnumConverter<NotificationType>))]
public enum NotificationType
{
    /// <summary>Wire value <c>alert</c>.</summary>
    [JsonStringEnumMemberName("alert")]
    Alert,

    /// <summary>Wire value <c>warning</c>.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Wire value <c>info</c>.</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>Wire value <c>system</c>.</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary>Wire value <c>security</c>.</summary>
    [JsonStringEnumMemberName("security")]
    Security,

    /// <summary>Wire value <c>billing</c>.</summary>
    [JsonStringEnumMemberName("billing")]
    Billing,

    /// <summary>Wire value <c>maintenance</c>.</summary>
    [JsonStringEnumMemberName("maintenance")]
    Maintenance,

    /// <summary>Wire value <c>marketing</c>.</summary>
    [JsonStringEnumMemberName("marketing")]
    Marketing,

    /// <summary>Wire value <c>reminder</c>.</summary>
    [JsonStringEnumMemberName("reminder")]
    Reminder,

    /// <summary>Wire value <c>update</c>.</summary>
    [JsonStringEnumMemberName("update")]
    Update,
}

/// <summary>When a notification is delivered.</summary>
[JsonConverter(typeof(WireEnumConverter<DeliveryMode>))]
public enum DeliveryMode
{
    /// <summary>Wire value <c>immediate</c>.</summary>
    [JsonStringEnumMemberName("immediate")]
    Immediate,

    /// <summary>Wire value <c>scheduled</c>.</summary>
    [JsonStringEnumMemberName("scheduled")]
    Scheduled,

    /// <summary>Wire value <c>batch</c>.</summary>
    [JsonStringEnumMemberName("batch")]
    Batch,

    /// <summary>Wire value <c>digest</c>.</summary>
    [JsonStringEnumMemberName("digest")]
    Digest,

    /// <summary>Wire value <c>rate_limited</c>.</summary>
    [JsonStringEnumMemberName("rate_limited")]
    RateLimited,
}

/// <summary>Who a recipient is.</summary>
[JsonConverter(typeof(WireEnumConverter<RecipientType>))]
public enum RecipientType
{
    /// <summary>Wire value <c>user</c>.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>Wire value <c>group</c>.</summary>
    [JsonStringEnumMemberName("group")]
    Group,

    /// <summary>Wire value <c>role</c>.</summary>
    [JsonStringEnumMemberName("role")]
    Role,

    /// <summary>Wire value <c>tenant</c>.</summary>
    [JsonStringEnumMemberName("tenant")]
    Tenant,

    /// <summary>Wire value <c>external</c>.</summary>
    [JsonStringEnumMemberName("external")]
    External,
}
