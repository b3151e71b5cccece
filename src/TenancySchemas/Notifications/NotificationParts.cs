using System.Text;
using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Security;

namespace TenancySchemas.Notifications;

/// <summary>Someone a notification is sent to.</summary>
public sealed record NotificationRecipient
{
    /// <summary>Gets the recipient's id, unique within a notification.</summary>
    public required string RecipientId { get; init; }

    /// <summary>Gets who the recipient is.</summary>
    public required RecipientType RecipientType { get; init; }

    /// <summary>Gets the contact details by channel (sensitive). Key <c>email</c> holds an e-mail address; <c>phone</c>, <c>sms</c> and <c>whatsapp</c> hold E.164 numbers.</summary>
    [Sensitive]
    [Isolation.Url(Isolation.UrlKind.Link)]
    public required IReadOnlyDictionary<string, string> ContactInfo { get; init => field = ValueMap<string>.From(value); }

    /// <summary>Gets free-form preferences.</summary>
    public IReadOnlyDictionary<string, JsonElement> Preferences { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets the recipient's IANA time zone. The default value is <c>UTC</c>.</summary>
    public string Timezone { get; init; } = "UTC";

    /// <summary>Gets the recipient's locale (<c>en</c>, <c>fr-CA</c>, <c>zh-Hans</c>). The default value is <c>en</c>.</summary>
    public string Locale { get; init; } = "en";

    /// <summary>Gets a value indicating whether the recipient is active. The default value is <see langword="true"/>.</summary>
    public bool Active { get; init; } = true;

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}

/// <summary>A reusable message template with <c>{variable}</c> placeholders.</summary>
public sealed record NotificationTemplate : Schemas.ITenancyDocument
{
    /// <summary>Gets the template id.</summary>
    public required string TemplateId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the channel the template is for.</summary>
    public required NotificationChannel Channel { get; init; }

    /// <summary>Gets the subject template.</summary>
    public string? SubjectTemplate { get; init; }

    /// <summary>Gets the body template.</summary>
    public required string BodyTemplate { get; init; }

    /// <summary>Gets the HTML template.</summary>
    public string? HtmlTemplate { get; init; }

    /// <summary>Gets the variable names the template uses.</summary>
    public IReadOnlyList<string> Variables { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets translations by locale.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Locales { get; init => field = ValueCollections.MapOfMaps(value); } = ValueCollections.MapOfMaps<string>(null);

    /// <summary>Gets free-form metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;
}

/// <summary>A routing rule for notifications; without a tenant id it applies to every tenant.</summary>
public sealed record NotificationRule : Schemas.ITenancyDocument
{
    /// <summary>Gets the rule id.</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the tenant the rule belongs to, or null for a global rule.</summary>
    public string? TenantId { get; init; }

    /// <summary>Gets free-form conditions.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Conditions { get; init => field = ValueMap<JsonElement>.From(value); }

    /// <summary>Gets free-form actions.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public required IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Actions { get; init => field = ValueCollections.ListOfMaps(value); }

    /// <summary>Gets the priority that overrides the notification's.</summary>
    public NotificationPriority? PriorityOverride { get; init; }

    /// <summary>Gets the preferred channels.</summary>
    public IReadOnlyList<NotificationChannel> ChannelPreferences { get; init => field = ValueList<NotificationChannel>.From(value); } = ValueList<NotificationChannel>.Empty;

    /// <summary>Gets free-form escalation rules.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> EscalationRules { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets free-form rate limiting.</summary>
    public IReadOnlyDictionary<string, JsonElement> RateLimiting { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets quiet hours.</summary>
    public IReadOnlyDictionary<string, string> QuietHours { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets a value indicating whether the rule is on. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;
}

/// <summary>One delivery of a notification to one recipient on one channel.</summary>
public sealed record NotificationDelivery
{
    /// <summary>Gets the delivery id. The default value is a new GUID.</summary>
    public string DeliveryId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the channel.</summary>
    public required NotificationChannel Channel { get; init; }

    /// <summary>Gets the recipient.</summary>
    public required NotificationRecipient Recipient { get; init; }

    /// <summary>Gets the status. The default value is <see cref="NotificationStatus.Pending"/>.</summary>
    public NotificationStatus Status { get; init; } = NotificationStatus.Pending;

    /// <summary>Gets how often delivery was tried (≤ <see cref="MaxAttempts"/>). The default value is 0.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets how often delivery may be tried (1-10). The default value is 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Gets when delivery is scheduled.</summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    /// <summary>Gets when it was sent.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Gets when it was delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Gets when it was read.</summary>
    public DateTimeOffset? ReadAt { get; init; }

    /// <summary>Gets when it failed.</summary>
    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>Gets the delivery time in milliseconds (≥ 0).</summary>
    public int? DeliveryTimeMs { get; init; }

    /// <summary>Gets the provider's error message.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Gets the provider's id of the delivery.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Gets the cost in USD (≥ 0).</summary>
    public double? Cost { get; init; }

    /// <summary>Gets free-form metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets the provider's free-form response.</summary>
    public IReadOnlyDictionary<string, JsonElement> ProviderResponse { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;
}

/// <summary>Engagement figures of a notification; rates are percentages.</summary>
public sealed record NotificationAnalytics
{
    /// <summary>Gets the open rate (0-100).</summary>
    public double? OpenRate { get; init; }

    /// <summary>Gets the click rate (0-100).</summary>
    public double? ClickRate { get; init; }

    /// <summary>Gets the bounce rate (0-100).</summary>
    public double? BounceRate { get; init; }

    /// <summary>Gets the unsubscribe rate (0-100).</summary>
    public double? UnsubscribeRate { get; init; }

    /// <summary>Gets the delivery success rate (0-100).</summary>
    public double? DeliverySuccessRate { get; init; }

    /// <summary>Gets the average response time in milliseconds (≥ 0).</summary>
    public double? ResponseTimeAvgMs { get; init; }

    /// <summary>Gets the user engagement score (0-10).</summary>
    public double? UserEngagementScore { get; init; }

    /// <summary>Gets the conversion rate (0-100).</summary>
    public double? ConversionRate { get; init; }

    /// <summary>Gets figures per channel.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ChannelPerformance { get; init => field = ValueCollections.MapOfMaps(value); } = ValueCollections.MapOfMaps<double>(null);

    /// <summary>Gets counts per hour.</summary>
    public IReadOnlyDictionary<string, int> HourlyDistribution { get; init => field = ValueMap<int>.From(value); } = ValueMap<int>.Empty;

    /// <summary>Gets counts per day.</summary>
    public IReadOnlyDictionary<string, int> DailyDistribution { get; init => field = ValueMap<int>.From(value); } = ValueMap<int>.Empty;
}
