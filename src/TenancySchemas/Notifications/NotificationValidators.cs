using FluentValidation;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Notifications;

/// <summary>The rules (<c>docs/reference/notification.md</c>) for <see cref="NotificationSchema"/>: field rules, N1-N12, then one rule set per tier.</summary>
internal sealed class NotificationValidator : FamilyValidator<NotificationSchema>
{
    private static readonly NotificationChannel[] ImmediateChannels = [NotificationChannel.Sms, NotificationChannel.Phone, NotificationChannel.Pagerduty];

    public NotificationValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.NotificationId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.NotificationType).DefinedEnum();
        RuleFor(x => x.Priority).DefinedEnum();
        RuleFor(x => x.Title).NotEmpty().Length(1, 200);
        RuleFor(x => x.Message).NotEmpty().Length(1, 5000);
        RuleFor(x => x.Summary).MaximumLength(500);
        RuleFor(x => x.DeliveryMode).DefinedEnum();
        RuleFor(x => x.PreferredChannels).NotEmpty();
        RuleForEach(x => x.PreferredChannels).DefinedEnum();
        RuleFor(x => x.Recipients).NotEmpty();
        RuleForEach(x => x.Recipients).NotNull().SetValidator(new NotificationRecipientValidator());
        RuleForEach(x => x.Deliveries).NotNull().SetValidator(new NotificationDeliveryValidator());
        RuleFor(x => x.MaxDeliveryAttempts).InclusiveBetween(1, 10);
        RuleFor(x => x.RetryDelayMinutes).InclusiveBetween(1, 60);
        RuleFor(x => x.Analytics).NotNull().SetValidator(new NotificationAnalyticsValidator());
        RuleFor(x => x.CallbackUrl).HttpUrl();
        RuleFor(x => x.RetentionDays).InclusiveBetween(1, 2555);

        // N1.
        RuleFor(x => x.SendBefore)
            .Satisfies((n, before) => before is null || n.SendAfter is not { } after || before > after)
            .WithTenancyError(TenancyErrorCodes.NotificationSendWindow);

        // N2.
        RuleFor(x => x.PreferredChannels)
            .Satisfies(channels => channels.Any(ImmediateChannels.Contains)).OnlyWhen(x => x.Priority == NotificationPriority.Critical)
            .WithTenancyError(TenancyErrorCodes.NotificationCriticalRequiresImmediateChannel);

        // N3-N5.
        RuleFor(x => x.ScheduledAt)
            .NotNull().OnlyWhen(x => x.DeliveryMode == DeliveryMode.Scheduled)
            .WithTenancyError(TenancyErrorCodes.NotificationScheduledRequiresTime);
        RuleFor(x => x.ScheduledAt)
            .Satisfies((n, at) => at is null || ((n.SendAfter is not { } after || at >= after) && (n.SendBefore is not { } before || at <= before)))
            .WithTenancyError(TenancyErrorCodes.NotificationScheduledOutsideWindow);
        RuleFor(x => x.ScheduledAt)
            .Satisfies((n, at) => at is null || n.ExpiresAt is not { } expires || at < expires)
            .WithTenancyError(TenancyErrorCodes.NotificationScheduledAfterExpiry);

        // N6, N7 (notification level).
        this.ExpiresAfterCreation(x => x.ExpiresAt, x => x.CreatedAt);
        this.NotBefore(x => x.UpdatedAt, x => x.CreatedAt, "updated_at", "created_at");

        // N7-N9, N11 per delivery (the messages name the delivery's index), N10, N12.
        RuleFor(x => x.Deliveries).Reports(
            [TenancyErrorCodes.TimestampOrder, TenancyErrorCodes.NotificationAttemptsExceeded, TenancyErrorCodes.NotificationAttemptsAboveLimit, TenancyErrorCodes.NotificationUnknownRecipient, TenancyErrorCodes.NotificationDuplicateId],
            (deliveries, report) => CheckDeliveries(report.Document, report));
        RuleFor(x => x.EncryptionRequired)
            .Equal(true).OnlyWhen(x => x.PiiData)
            .WithTenancyError(TenancyErrorCodes.NotificationPiiWithoutEncryption)
            .WithSeverity(Severity.Warning);
        RuleFor(x => x.Recipients).Reports(TenancyErrorCodes.NotificationDuplicateId, (recipients, report) =>
            report.ReportDuplicates(recipients, r => r.RecipientId, i => $"Recipients[{i}].RecipientId", "recipient_id", TenancyErrorCodes.NotificationDuplicateId));

        TierRuleSets(TierRules);
    }

    private static void CheckDeliveries(NotificationSchema notification, FailureReport<NotificationSchema> report)
    {
        var recipientIds = notification.Recipients.Where(r => r is not null).Select(r => r.RecipientId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < notification.Deliveries.Count; i++)
        {
            var delivery = notification.Deliveries[i];
            if (delivery is null)
            {
                continue;
            }

            var at = $"deliveries[{i}].";
            report.CheckOrder(delivery.SentAt, delivery.ScheduledAt, at + "sent_at", at + "scheduled_at", $"Deliveries[{i}].SentAt");
            report.CheckOrder(delivery.DeliveredAt, delivery.SentAt, at + "delivered_at", at + "sent_at", $"Deliveries[{i}].DeliveredAt");
            report.CheckOrder(delivery.ReadAt, delivery.DeliveredAt, at + "read_at", at + "delivered_at", $"Deliveries[{i}].ReadAt");
            report.CheckOrder(delivery.FailedAt, delivery.SentAt, at + "failed_at", at + "sent_at", $"Deliveries[{i}].FailedAt");

            if (delivery.Attempts > delivery.MaxAttempts)
            {
                report.Add($"Deliveries[{i}].Attempts", TenancyErrorCodes.NotificationAttemptsExceeded,
                    MessageArgs.Of(("Attempts", delivery.Attempts), ("MaxAttempts", delivery.MaxAttempts)));
            }

            if (delivery.MaxAttempts > notification.MaxDeliveryAttempts)
            {
                report.Add($"Deliveries[{i}].MaxAttempts", TenancyErrorCodes.NotificationAttemptsAboveLimit,
                    MessageArgs.Of(("MaxAttempts", delivery.MaxAttempts), ("Limit", notification.MaxDeliveryAttempts)), Severity.Warning);
            }

            if (delivery.Recipient?.RecipientId is { } recipientId && !recipientIds.Contains(recipientId))
            {
                report.Add($"Deliveries[{i}].Recipient.RecipientId", TenancyErrorCodes.NotificationUnknownRecipient,
                    MessageArgs.Of(("RecipientId", Json.MessageValue.Quote(recipientId))), Severity.Warning);
            }
        }

        report.ReportDuplicates(notification.Deliveries, d => d.DeliveryId, i => $"Deliveries[{i}].DeliveryId", "delivery_id", TenancyErrorCodes.NotificationDuplicateId);
    }

    private void TierRules(TenantType tier)
    {
        RuleForEach(x => x.PreferredChannels)
            .Satisfies(channel => Limits(tier).NotificationChannels.Contains(channel.ToWireOrNumber()))
            .WithTenancyError(TenancyErrorCodes.TierChannelNotAllowed, (_, channel) => MessageArgs.Of(("Channel", channel.ToWireOrNumber()), ("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.Allowed(l => l.NotificationChannels));
        RuleForEach(x => x.Deliveries)
            .Satisfies(delivery => delivery is null || Limits(tier).NotificationChannels.Contains(delivery.Channel.ToWireOrNumber()))
            .WithTenancyError(TenancyErrorCodes.TierChannelNotAllowed, (_, delivery) => MessageArgs.Of(("Channel", delivery.Channel.ToWireOrNumber()), ("Tier", TierName(tier))));
        RuleFor(x => x.Recipients)
            .Satisfies(recipients => recipients.Count <= Limits(tier).MaxRecipients)
            .WithTenancyError(TenancyErrorCodes.TierTooManyRecipients, (_, recipients) =>
                MessageArgs.Of(("Tier", TierName(tier)), ("Limit", Limits(tier).MaxRecipients), ("Count", recipients.Count)))
            .WithTierSchema(TierSchemaHint.MaxItems(l => l.MaxRecipients));
        RuleFor(x => x.CallbackUrl)
            .Satisfies(url => url is null || Limits(tier).WebhooksAllowed)
            .WithTenancyError(TenancyErrorCodes.TierWebhookNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.OnlyIf(l => l.WebhooksAllowed));
    }
}

/// <summary>The rules (<c>docs/reference/notification-batch.md</c>) for <see cref="NotificationBatchSchema"/>: its own fields, N7, N12, N13, and every notification rule for each notification.</summary>
internal sealed class NotificationBatchValidator : FamilyValidator<NotificationBatchSchema>
{
    private const int MaxNotifications = 1000;

    public NotificationBatchValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.BatchId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.Notifications).NotEmpty()
            .Satisfies(n => n.Count <= MaxNotifications).WithErrorCode("MaximumCountValidator")
            .WithMessage(_ => TenancyStringLocalizer.FillPlaceholders(TenancyStringLocalizer.Instance["common.too_many_items"].Value, [new("MaxCount", MaxNotifications)]));

        // Each notification runs inside the batch's validation: same culture, same tier rule set.
        RuleForEach(x => x.Notifications).NotNull().SetValidator(new NotificationValidator(services));
        RuleFor(x => x.BatchSize).InclusiveBetween(1, 1000);
        RuleFor(x => x.DelayBetweenBatchesSeconds).InclusiveBetween(0, 3600);
        RuleFor(x => x.MaxConcurrentDeliveries).InclusiveBetween(1, 100);
        RuleFor(x => x.TotalNotifications).GreaterThanOrEqualTo(0);
        RuleFor(x => x.SuccessfulDeliveries).GreaterThanOrEqualTo(0);
        RuleFor(x => x.FailedDeliveries).GreaterThanOrEqualTo(0);
        this.NotBefore(x => x.CompletedAt, x => x.StartedAt, "completed_at", "started_at");

        RuleFor(x => x.Notifications).Reports([TenancyErrorCodes.TenantMismatch, TenancyErrorCodes.NotificationDuplicateId], (notifications, report) =>
        {
            report.ReportDuplicates(notifications, n => n.NotificationId, i => $"Notifications[{i}].NotificationId", "notification_id", TenancyErrorCodes.NotificationDuplicateId);

            // N13: every notification belongs to the batch's tenant.
            var batchTenant = report.Document.TenantId;
            for (var i = 0; i < notifications.Count; i++)
            {
                if (notifications[i] is { TenantId: { } tenant } && !string.Equals(tenant, batchTenant, StringComparison.Ordinal))
                {
                    report.Add($"Notifications[{i}].TenantId", TenancyErrorCodes.TenantMismatch, MessageArgs.Of(
                        ("PropertyName", $"notifications[{i}].tenant_id"), ("TenantId", Json.MessageValue.Quote(tenant)), ("ExpectedTenantId", Json.MessageValue.Quote(batchTenant ?? string.Empty))));
                }
            }
        });

        // The tier rule sets run here too: the batch's own limit, plus each notification's tier rules through the child validator.
        TierRuleSets(tier => RuleFor(x => x.BatchSize)
            .Satisfies(size => Limits(tier).MaxBatchSize is not { } limit || size <= limit)
            .WithTenancyError(TenancyErrorCodes.TierBatchSizeExceeded, (_, size) =>
                MessageArgs.Of(("Tier", TierName(tier)), ("Limit", Limits(tier).MaxBatchSize), ("Value", size)))
            .WithTierSchema(TierSchemaHint.AtMost(l => l.MaxBatchSize)));
    }
}

/// <summary>Rules of <see cref="NotificationTemplate"/>, which stands alone.</summary>
internal sealed class NotificationTemplateValidator : FamilyValidator<NotificationTemplate>
{
    public NotificationTemplateValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.TemplateId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.BodyTemplate).NotEmpty();
        RuleFor(x => x.Channel).DefinedEnum();
        RuleFor(x => x.Locales).Reports(TenancyErrorCodes.InvalidLocale, (locales, report) =>
        {
            foreach (var locale in locales.Keys)
            {
                if (!Formats.IsLocale(locale))
                {
                    report.Add($"Locales[{WirePaths.Key(locale)}]", TenancyErrorCodes.InvalidLocale, MessageArgs.Of(("PropertyName", $"locales[{WirePaths.Key(locale)}]")));
                }
            }
        });
    }
}

/// <summary>Rules of <see cref="NotificationRule"/>, which stands alone; a global rule has no tenant id.</summary>
internal sealed class NotificationRuleValidator : FamilyValidator<NotificationRule>
{
    public NotificationRuleValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.RuleId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.TenantId).TenantIdFormat();
        RuleFor(x => x.PriorityOverride).DefinedEnum();
        RuleForEach(x => x.ChannelPreferences).DefinedEnum();
    }
}

internal sealed class NotificationRecipientValidator : AbstractValidator<NotificationRecipient>
{
    private static readonly string[] PhoneKeys = ["phone", "sms", "whatsapp"];

    public NotificationRecipientValidator()
    {
        RuleFor(x => x.RecipientId).NotEmpty();
        RuleFor(x => x.RecipientType).DefinedEnum();
        RuleFor(x => x.ContactInfo).NotNull().Reports([TenancyErrorCodes.InvalidEmail, TenancyErrorCodes.InvalidPhone], (contacts, report) =>
        {
            foreach (var (key, value) in contacts ?? ValueMap<string>.Empty)
            {
                if (key == "email" && (value is null || !Formats.IsEmail(value)))
                {
                    report.Add($"ContactInfo[{WirePaths.Key(key)}]", TenancyErrorCodes.InvalidEmail, MessageArgs.Of(("PropertyName", $"contact_info[{WirePaths.Key(key)}]")));
                }
                else if (PhoneKeys.Contains(key) && (value is null || !Formats.IsE164Phone(value)))
                {
                    report.Add($"ContactInfo[{WirePaths.Key(key)}]", TenancyErrorCodes.InvalidPhone, MessageArgs.Of(("PropertyName", $"contact_info[{WirePaths.Key(key)}]")));
                }
            }
        });
        RuleFor(x => x.Timezone).NotEmpty().IanaTimeZone();
        RuleFor(x => x.Locale).NotEmpty().Locale();
    }
}

internal sealed class NotificationDeliveryValidator : AbstractValidator<NotificationDelivery>
{
    public NotificationDeliveryValidator()
    {
        RuleFor(x => x.DeliveryId).NotEmpty();
        RuleFor(x => x.Channel).DefinedEnum();
        RuleFor(x => x.Recipient).NotNull().SetValidator(new NotificationRecipientValidator());
        RuleFor(x => x.Status).DefinedEnum();
        RuleFor(x => x.Attempts).GreaterThanOrEqualTo(0);
        RuleFor(x => x.MaxAttempts).InclusiveBetween(1, 10);
        RuleFor(x => x.DeliveryTimeMs).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Cost).GreaterThanOrEqualTo(0);
    }
}

internal sealed class NotificationAnalyticsValidator : AbstractValidator<NotificationAnalytics>
{
    public NotificationAnalyticsValidator()
    {
        RuleFor(x => x.OpenRate).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.ClickRate).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.BounceRate).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.UnsubscribeRate).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.DeliverySuccessRate).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.ConversionRate).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.ResponseTimeAvgMs).GreaterThanOrEqualTo(0);
        RuleFor(x => x.UserEngagementScore).InclusiveBetween(0.0, 10.0);
    }
}
