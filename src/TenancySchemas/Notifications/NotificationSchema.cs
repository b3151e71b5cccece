using System.Text;
using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Security;

namespace TenancySchemas.Notifications;

/// <summary>A notification to one or more recipients (<c>docs/reference/notification.md</c>).</summary>
public sealed record NotificationSchema : Schemas.ITenancyDocument
{
    /// <summary>Gets the notification id. The default value is a new GUID.</summary>
    public string NotificationId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the owning tenant's id.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the correlation id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets the parent notification's id.</summary>
    public string? ParentNotificationId { get; init; }

    /// <summary>Gets what the notification is about.</summary>
    public required NotificationType NotificationType { get; init; }

    /// <summary>Gets the priority. The default value is <see cref="NotificationPriority.Normal"/>.</summary>
    public NotificationPriority Priority { get; init; } = NotificationPriority.Normal;

    /// <summary>Gets the title (1-200 characters).</summary>
    public required string Title { get; init; }

    /// <summary>Gets the message (1-5000 characters).</summary>
    public required string Message { get; init; }

    /// <summary>Gets the summary (at most 500 characters).</summary>
    public string? Summary { get; init; }

    /// <summary>Gets the HTML content.</summary>
    public string? HtmlContent { get; init; }

    /// <summary>Gets when it is delivered. The default value is <see cref="Notifications.DeliveryMode.Immediate"/>.</summary>
    public DeliveryMode DeliveryMode { get; init; } = DeliveryMode.Immediate;

    /// <summary>Gets the preferred channels (at least one).</summary>
    public required IReadOnlyList<NotificationChannel> PreferredChannels { get; init => field = ValueList<NotificationChannel>.From(value); }

    /// <summary>Gets the recipients (at least one).</summary>
    public required IReadOnlyList<NotificationRecipient> Recipients { get; init => field = ValueList<NotificationRecipient>.From(value); }

    /// <summary>Gets the deliveries.</summary>
    public IReadOnlyList<NotificationDelivery> Deliveries { get; init => field = ValueList<NotificationDelivery>.From(value); } = ValueList<NotificationDelivery>.Empty;

    /// <summary>Gets the template id.</summary>
    public string? TemplateId { get; init; }

    /// <summary>Gets the template variables.</summary>
    public IReadOnlyDictionary<string, JsonElement> TemplateVariables { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets translations by locale.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Localization { get; init => field = ValueCollections.MapOfMaps(value); } = ValueCollections.MapOfMaps<string>(null);

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the last update instant.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets when a scheduled notification is sent.</summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    /// <summary>Gets the expiry instant.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets the earliest send instant.</summary>
    public DateTimeOffset? SendAfter { get; init; }

    /// <summary>Gets the latest send instant.</summary>
    public DateTimeOffset? SendBefore { get; init; }

    /// <summary>Gets how often each delivery may be tried (1-10). The default value is 3.</summary>
    public int MaxDeliveryAttempts { get; init; } = 3;

    /// <summary>Gets the delay between tries in minutes (1-60). The default value is 5.</summary>
    public int RetryDelayMinutes { get; init; } = 5;

    /// <summary>Gets a value indicating whether quiet hours are respected. The default value is <see langword="true"/>.</summary>
    public bool RespectQuietHours { get; init; } = true;

    /// <summary>Gets the rate-limit key.</summary>
    public string? RateLimitKey { get; init; }

    /// <summary>Gets a value indicating whether engagement is tracked. The default value is <see langword="true"/>.</summary>
    public bool TrackingEnabled { get; init; } = true;

    /// <summary>Gets the engagement figures.</summary>
    public NotificationAnalytics Analytics { get; init; } = new();

    /// <summary>Gets the campaign id.</summary>
    public string? CampaignId { get; init; }

    /// <summary>Gets free-form business context.</summary>
    public IReadOnlyDictionary<string, JsonElement> BusinessContext { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form technical context.</summary>
    public IReadOnlyDictionary<string, JsonElement> TechnicalContext { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form actions.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Actions { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets the deep link.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public string? DeepLink { get; init; }

    /// <summary>Gets the callback URL (sensitive; only on tiers that allow webhooks).</summary>
    [Sensitive(SensitiveKind.Url)]
    [Isolation.Url]
    public string? CallbackUrl { get; init; }

    /// <summary>Gets the source system.</summary>
    public string? SourceSystem { get; init; }

    /// <summary>Gets the source event id.</summary>
    public string? SourceEventId { get; init; }

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets categories.</summary>
    public IReadOnlyList<string> Categories { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets a value indicating whether the notification contains personal data. The default value is <see langword="false"/>.</summary>
    public bool PiiData { get; init; }

    /// <summary>Gets a value indicating whether encryption is required. The default value is <see langword="false"/>.</summary>
    public bool EncryptionRequired { get; init; }

    /// <summary>Gets the retention in days (1-2555). The default value is 90.</summary>
    public int RetentionDays { get; init; } = 90;

    /// <summary>Gets the number of recipients.</summary>
    /// <returns>The count.</returns>
    public int GetTotalRecipients() => Recipients.Count;

    /// <summary>Counts the deliveries per status that occurs.</summary>
    /// <returns>The counts.</returns>
    public IReadOnlyDictionary<NotificationStatus, int> GetDeliveryStatusSummary() =>
        Deliveries.Where(d => d is not null).GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Gets 100 × (delivered + read) / deliveries; 0 without deliveries.</summary>
    /// <returns>The success rate in percent.</returns>
    public double CalculateSuccessRate() =>
        Deliveries.Count == 0 ? 0 : 100.0 * Deliveries.Count(d => d?.Status is NotificationStatus.Delivered or NotificationStatus.Read) / Deliveries.Count;

    /// <summary>Gets the deliveries whose status is failed.</summary>
    /// <returns>The failed deliveries.</returns>
    public IReadOnlyList<NotificationDelivery> GetFailedDeliveries() =>
        ValueList<NotificationDelivery>.From(Deliveries.Where(d => d?.Status == NotificationStatus.Failed));

    /// <summary>Tells whether a failed delivery has tries left.</summary>
    /// <returns><see langword="true"/> when any failed delivery has fewer attempts than its maximum.</returns>
    public bool ShouldRetry() => GetFailedDeliveries().Any(d => d.Attempts < d.MaxAttempts);

    /// <summary>
    /// Estimates the cost in USD: the sum of each delivery's channel cost times its attempts (email 0.0001, sms 0.01,
    /// phone 0.05, slack 0, push 0.0001, webhook 0.0001, any other 0.001).
    /// </summary>
    /// <returns>The estimated cost.</returns>
    public double EstimateCost() => Deliveries.Where(d => d is not null).Sum(d => ChannelCost(d.Channel) * d.Attempts);

    /// <summary>Gets a recipient's locale, else <c>en</c>.</summary>
    /// <param name="recipientId">The recipient's id.</param>
    /// <returns>The locale.</returns>
    public string GetPreferredLocale(string recipientId) =>
        Recipients.FirstOrDefault(r => r is not null && string.Equals(r.RecipientId, recipientId, StringComparison.Ordinal))?.Locale ?? "en";

    private static double ChannelCost(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => 0.0001,
        NotificationChannel.Sms => 0.01,
        NotificationChannel.Phone => 0.05,
        NotificationChannel.Slack => 0,
        NotificationChannel.Push => 0.0001,
        NotificationChannel.Webhook => 0.0001,
        _ => 0.001,
    };

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}

/// <summary>A batch of notifications sent together (<c>docs/reference/notification-batch.md</c>); every notification rule applies to each notification.</summary>
public sealed record NotificationBatchSchema : Schemas.ITenancyDocument
{
    /// <summary>Gets the batch id. The default value is a new GUID.</summary>
    public string BatchId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the owning tenant's id; every notification must belong to it.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the notifications (1-1000).</summary>
    public required IReadOnlyList<NotificationSchema> Notifications { get; init => field = ValueList<NotificationSchema>.From(value); }

    /// <summary>Gets the batch size (1-1000). The default value is 100.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Gets the delay between batches in seconds (0-3600). The default value is 1.</summary>
    public int DelayBetweenBatchesSeconds { get; init; } = 1;

    /// <summary>Gets the most concurrent deliveries (1-100). The default value is 10.</summary>
    public int MaxConcurrentDeliveries { get; init; } = 10;

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets when sending started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when sending completed.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets the number of notifications (≥ 0). The default value is 0.</summary>
    public int TotalNotifications { get; init; }

    /// <summary>Gets the number of successful deliveries (≥ 0). The default value is 0.</summary>
    public int SuccessfulDeliveries { get; init; }

    /// <summary>Gets the number of failed deliveries (≥ 0). The default value is 0.</summary>
    public int FailedDeliveries { get; init; }
}
