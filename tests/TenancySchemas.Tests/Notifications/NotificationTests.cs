using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using FluentValidation;
using TenancySchemas.Notifications;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Notifications;

/// <summary>Rules N1-N13, field rules, tier rules and helpers of spec §2.4.</summary>
public sealed class NotificationTests : IDisposable
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };

    private readonly TestHost _host = new();

    private FluentValidation.Results.ValidationResult Validate(NotificationSchema notification, TenantType tier = TenantType.Enterprise, string culture = "en") =>
        InCulture.Run(culture, () => _host.Validator<NotificationSchema>().Validate(notification, new TenancyValidationContext { Tier = tier }));

    private static NotificationDelivery Delivery(string id, NotificationChannel channel = NotificationChannel.Email, int attempts = 1) =>
        new() { DeliveryId = id, Channel = channel, Recipient = Samples.Recipient(), Attempts = attempts };

    public static TheoryData<string, Func<NotificationSchema, NotificationSchema>, string, string> FailingCases() => new()
    {
        { "empty title", n => n with { Title = "" }, "NotEmptyValidator", "Title" },
        { "title of 201", n => n with { Title = new string('t', 201) }, "LengthValidator", "Title" },
        { "message of 5001", n => n with { Message = new string('m', 5001) }, "LengthValidator", "Message" },
        { "summary of 501", n => n with { Summary = new string('s', 501) }, "MaximumLengthValidator", "Summary" },
        { "no channel", n => n with { PreferredChannels = [] }, "NotEmptyValidator", "PreferredChannels" },
        { "no recipient", n => n with { Recipients = [] }, "NotEmptyValidator", "Recipients" },
        { "recipient email that is not one", n => n with { Recipients = [Samples.Recipient() with { ContactInfo = new Dictionary<string, string> { ["email"] = "nope" } }] }, TenancyErrorCodes.InvalidEmail, "Recipients[0].ContactInfo[email]" },
        { "recipient whatsapp that is not E.164", n => n with { Recipients = [Samples.Recipient() with { ContactInfo = new Dictionary<string, string> { ["whatsapp"] = "0612345678" } }] }, TenancyErrorCodes.InvalidPhone, "Recipients[0].ContactInfo[whatsapp]" },
        { "recipient locale that is not one", n => n with { Recipients = [Samples.Recipient() with { Locale = "french" }] }, TenancyErrorCodes.InvalidLocale, "Recipients[0].Locale" },
        { "recipient time zone", n => n with { Recipients = [Samples.Recipient() with { Timezone = "CET+1" }] }, TenancyErrorCodes.InvalidTimeZone, "Recipients[0].Timezone" },
        { "11 delivery attempts allowed", n => n with { MaxDeliveryAttempts = 11 }, "InclusiveBetweenValidator", "MaxDeliveryAttempts" },
        { "retry delay 61", n => n with { RetryDelayMinutes = 61 }, "InclusiveBetweenValidator", "RetryDelayMinutes" },
        { "open rate 101", n => n with { Analytics = new() { OpenRate = 101 } }, "InclusiveBetweenValidator", "Analytics.OpenRate" },
        { "engagement 11", n => n with { Analytics = new() { UserEngagementScore = 11 } }, "InclusiveBetweenValidator", "Analytics.UserEngagementScore" },
        { "callback that is not a url", n => n with { CallbackUrl = "callback" }, TenancyErrorCodes.InvalidUrl, "CallbackUrl" },
        { "retention 0", n => n with { RetentionDays = 0 }, "InclusiveBetweenValidator", "RetentionDays" },
        { "N1 send window reversed", n => n with { SendAfter = TestHost.Now, SendBefore = TestHost.Now }, TenancyErrorCodes.NotificationSendWindow, "SendBefore" },
        { "N2 critical by email only", n => n with { Priority = NotificationPriority.Critical }, TenancyErrorCodes.NotificationCriticalRequiresImmediateChannel, "PreferredChannels" },
        { "N3 scheduled without a time", n => n with { DeliveryMode = DeliveryMode.Scheduled }, TenancyErrorCodes.NotificationScheduledRequiresTime, "ScheduledAt" },
        { "N4 scheduled before the window", n => n with { ScheduledAt = TestHost.Now, SendAfter = TestHost.Now.AddHours(1) }, TenancyErrorCodes.NotificationScheduledOutsideWindow, "ScheduledAt" },
        { "N4 scheduled after the window", n => n with { ScheduledAt = TestHost.Now.AddHours(2), SendBefore = TestHost.Now.AddHours(1) }, TenancyErrorCodes.NotificationScheduledOutsideWindow, "ScheduledAt" },
        { "N5 scheduled at expiry", n => n with { ScheduledAt = TestHost.Now.AddHours(1), ExpiresAt = TestHost.Now.AddHours(1) }, TenancyErrorCodes.NotificationScheduledAfterExpiry, "ScheduledAt" },
        { "N6 expires at creation", n => n with { ExpiresAt = n.CreatedAt }, TenancyErrorCodes.ExpiresBeforeCreated, "ExpiresAt" },
        { "N7 updated before creation", n => n with { UpdatedAt = n.CreatedAt.AddMinutes(-1) }, TenancyErrorCodes.TimestampOrder, "UpdatedAt" },
        { "N7 delivered before sent", n => n with { Deliveries = [Delivery("d1") with { SentAt = TestHost.Now, DeliveredAt = TestHost.Now.AddSeconds(-1) }] }, TenancyErrorCodes.TimestampOrder, "Deliveries[0].DeliveredAt" },
        { "N7 sent before scheduled", n => n with { Deliveries = [Delivery("d1") with { ScheduledAt = TestHost.Now, SentAt = TestHost.Now.AddSeconds(-1) }] }, TenancyErrorCodes.TimestampOrder, "Deliveries[0].SentAt" },
        { "N7 read before delivered", n => n with { Deliveries = [Delivery("d1") with { DeliveredAt = TestHost.Now, ReadAt = TestHost.Now.AddSeconds(-1) }] }, TenancyErrorCodes.TimestampOrder, "Deliveries[0].ReadAt" },
        { "N7 failed before sent", n => n with { Deliveries = [Delivery("d1") with { SentAt = TestHost.Now, FailedAt = TestHost.Now.AddSeconds(-1) }] }, TenancyErrorCodes.TimestampOrder, "Deliveries[0].FailedAt" },
        { "N8 more attempts than allowed", n => n with { Deliveries = [Delivery("d1", attempts: 4)] }, TenancyErrorCodes.NotificationAttemptsExceeded, "Deliveries[0].Attempts" },
        { "N12 duplicate recipient", n => n with { Recipients = [Samples.Recipient(), Samples.Recipient()] }, TenancyErrorCodes.NotificationDuplicateId, "Recipients[1].RecipientId" },
        { "N12 duplicate delivery", n => n with { Deliveries = [Delivery("d1"), Delivery("d1")] }, TenancyErrorCodes.NotificationDuplicateId, "Deliveries[1].DeliveryId" },
        { "delivery max attempts 0", n => n with { Deliveries = [Delivery("d1", attempts: 0) with { MaxAttempts = 0 }] }, "InclusiveBetweenValidator", "Deliveries[0].MaxAttempts" },
        { "negative delivery cost", n => n with { Deliveries = [Delivery("d1") with { Cost = -0.1 }] }, "GreaterThanOrEqualValidator", "Deliveries[0].Cost" },
    };

    public static TheoryData<string, Func<NotificationSchema, NotificationSchema>, string> PassingCases() => new()
    {
        { "N1 send window in order", n => n with { SendAfter = TestHost.Now, SendBefore = TestHost.Now.AddHours(1) }, TenancyErrorCodes.NotificationSendWindow },
        { "N2 critical with sms", n => n with { Priority = NotificationPriority.Critical, PreferredChannels = [NotificationChannel.Email, NotificationChannel.Sms] }, TenancyErrorCodes.NotificationCriticalRequiresImmediateChannel },
        { "N3-N5 scheduled inside the window before expiry", n => n with { DeliveryMode = DeliveryMode.Scheduled, SendAfter = TestHost.Now, ScheduledAt = TestHost.Now.AddHours(1), SendBefore = TestHost.Now.AddHours(1), ExpiresAt = TestHost.Now.AddDays(1) }, TenancyErrorCodes.NotificationScheduledOutsideWindow },
        { "N7 delivery timeline in order", n => n with { Deliveries = [Delivery("d1") with { ScheduledAt = TestHost.Now.AddMinutes(-5), SentAt = TestHost.Now.AddMinutes(-4), DeliveredAt = TestHost.Now.AddMinutes(-3), ReadAt = TestHost.Now }] }, TenancyErrorCodes.TimestampOrder },
        { "N8 attempts at the maximum", n => n with { Deliveries = [Delivery("d1", attempts: 3)] }, TenancyErrorCodes.NotificationAttemptsExceeded },
        { "recipient with a locale with script", n => n with { Recipients = [Samples.Recipient() with { Locale = "zh-Hans", ContactInfo = new Dictionary<string, string> { ["phone"] = "+442079460958", ["slack"] = "@jane" } }] }, TenancyErrorCodes.InvalidLocale },
    };

    [Fact]
    public void The_samples_are_valid()
    {
        Validate(Samples.Notification()).ShouldBeCleanlyValid();
        _host.Validator<NotificationBatchSchema>().Validate(Samples.Batch(), Enterprise).ShouldBeCleanlyValid();
    }

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void A_broken_rule_fails_with_its_code_and_path_in_English_and_German(string scenario, Func<NotificationSchema, NotificationSchema> change, string code, string property)
    {
        var english = Validate(change(Samples.Notification())).ShouldHaveFailure(code, property);
        var german = Validate(change(Samples.Notification()), culture: "de").ShouldHaveFailure(code, property);

        english.Severity.Should().Be(Severity.Error);
        german.ErrorMessage.Should().NotBe(english.ErrorMessage, scenario);
    }

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void A_value_that_keeps_the_rule_passes(string scenario, Func<NotificationSchema, NotificationSchema> change, string code)
    {
        var result = Validate(change(Samples.Notification()));

        result.ShouldNotHaveFailure(code);
        result.IsValid.Should().BeTrue(scenario);
    }

    [Fact]
    public void N9_N10_and_N11_are_warnings_that_keep_the_document_valid()
    {
        var notification = Samples.Notification() with
        {
            PiiData = true,
            MaxDeliveryAttempts = 2,
            Deliveries = [Delivery("d1") with { MaxAttempts = 5, Recipient = Samples.Recipient("stranger") }],
        };

        var result = Validate(notification);

        result.IsValid.Should().BeTrue("warnings are advisory");
        result.ShouldHaveFailure(TenancyErrorCodes.NotificationPiiWithoutEncryption, "EncryptionRequired").Severity.Should().Be(Severity.Warning);
        result.ShouldHaveFailure(TenancyErrorCodes.NotificationAttemptsAboveLimit, "Deliveries[0].MaxAttempts").ErrorMessage
            .Should().Be("Delivery max_attempts (5) exceeds the notification's max_delivery_attempts (2)");
        result.ShouldHaveFailure(TenancyErrorCodes.NotificationUnknownRecipient, "Deliveries[0].Recipient.RecipientId").Severity.Should().Be(Severity.Warning);
        Validate(notification with { EncryptionRequired = true }).ShouldNotHaveFailure(TenancyErrorCodes.NotificationPiiWithoutEncryption);
    }

    [Theory]
    [InlineData(TenantType.Trial, NotificationChannel.InApp, true)]
    [InlineData(TenantType.Trial, NotificationChannel.Push, false)]
    [InlineData(TenantType.Standard, NotificationChannel.Push, true)]
    [InlineData(TenantType.Standard, NotificationChannel.Teams, false)]
    [InlineData(TenantType.Professional, NotificationChannel.Telegram, true)]
    [InlineData(TenantType.Professional, NotificationChannel.Whatsapp, false)]
    [InlineData(TenantType.Enterprise, NotificationChannel.Pagerduty, true)]
    public void Channels_are_limited_by_tier_on_preferences_and_deliveries(TenantType tier, NotificationChannel channel, bool allowed)
    {
        var preferred = Validate(Samples.Notification() with { PreferredChannels = [channel] }, tier);
        var delivered = Validate(Samples.Notification() with { Deliveries = [Delivery("d1", channel)] }, tier);

        if (allowed)
        {
            preferred.ShouldNotHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);
            delivered.ShouldNotHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);
        }
        else
        {
            preferred.ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed, "PreferredChannels[0]");
            delivered.ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed, "Deliveries[0]");
        }
    }

    [Fact]
    public void Critical_notifications_are_possible_only_for_enterprise_tenants()
    {
        var critical = Samples.Notification() with { Priority = NotificationPriority.Critical, PreferredChannels = [NotificationChannel.Sms] };

        Validate(critical, TenantType.Enterprise).ShouldBeCleanlyValid();
        Validate(critical, TenantType.Professional).ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);
    }

    [Theory]
    [InlineData(TenantType.Trial)]
    [InlineData(TenantType.Standard)]
    [InlineData(TenantType.Professional)]
    public void Recipients_and_callbacks_are_limited_by_tier(TenantType tier)
    {
        var limit = new TierProfile()[tier].MaxRecipients;
        NotificationSchema WithRecipients(int count) => Samples.Notification() with { Recipients = [.. Enumerable.Range(0, count).Select(i => Samples.Recipient($"r{i}"))] };

        Validate(WithRecipients(limit), tier).ShouldNotHaveFailure(TenancyErrorCodes.TierTooManyRecipients);
        Validate(WithRecipients(limit + 1), tier).ShouldHaveFailure(TenancyErrorCodes.TierTooManyRecipients, "Recipients");
        var callback = Validate(Samples.Notification() with { CallbackUrl = "https://hooks.acme.com/n" }, tier);
        if (new TierProfile()[tier].WebhooksAllowed)
        {
            callback.ShouldNotHaveFailure(TenancyErrorCodes.TierWebhookNotAllowed);
        }
        else
        {
            callback.ShouldHaveFailure(TenancyErrorCodes.TierWebhookNotAllowed, "CallbackUrl");
        }
    }

    [Fact]
    public void A_batch_applies_every_notification_rule_and_its_own()
    {
        var batch = Samples.Batch() with
        {
            Notifications =
            [
                Samples.Notification(),
                Samples.Notification(),
                Samples.Notification() with { NotificationId = "n-003", TenantId = "intruder", Title = "" },
                Samples.Notification() with { NotificationId = "n-004", PreferredChannels = [NotificationChannel.Push] },
            ],
            StartedAt = TestHost.Now,
            CompletedAt = TestHost.Now.AddMinutes(-1),
            BatchSize = 0,
        };

        var result = _host.Validator<NotificationBatchSchema>().Validate(batch, new TenancyValidationContext { Tier = TenantType.Trial });

        result.ShouldHaveFailure(TenancyErrorCodes.NotificationDuplicateId, "Notifications[1].NotificationId");
        result.ShouldHaveFailure(TenancyErrorCodes.TenantMismatch, "Notifications[2].TenantId");
        result.ShouldHaveFailure("NotEmptyValidator", "Notifications[2].Title");
        result.ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed, "Notifications[3].PreferredChannels[0]");
        result.ShouldHaveFailure(TenancyErrorCodes.TimestampOrder, "CompletedAt");
        result.ShouldHaveFailure("InclusiveBetweenValidator", "BatchSize");
    }

    [Fact]
    public void Batch_size_has_no_tier_limit_by_default_as_the_spec_table_has_none()
    {
        var result = _host.Validator<NotificationBatchSchema>().Validate(Samples.Batch() with { BatchSize = 1000 }, new TenancyValidationContext { Tier = TenantType.Trial });

        result.ShouldNotHaveFailure(TenancyErrorCodes.TierBatchSizeExceeded);
    }

    [Fact]
    public void A_configured_tier_batch_size_limit_is_enforced_per_tier()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenancy:Tiers:Trial:MaxBatchSize"] = "50",
            ["Tenancy:Tiers:Enterprise:MaxBatchSize"] = "500",
        }).Build().GetSection("Tenancy");
        using var provider = new ServiceCollection()
            .AddTenancySchemas(section)
            .BuildServiceProvider();
        var validator = provider.GetRequiredService<FluentValidation.IValidator<NotificationBatchSchema>>();
        NotificationBatchSchema Sized(int size) => Samples.Batch() with { BatchSize = size };
        TenancyValidationContext As(TenantType tier) => new() { Tier = tier };

        validator.Validate(Sized(50), As(TenantType.Trial)).ShouldNotHaveFailure(TenancyErrorCodes.TierBatchSizeExceeded);
        var failure = InCulture.Run("fr", () => validator.Validate(Sized(51), As(TenantType.Trial))).ShouldHaveFailure(TenancyErrorCodes.TierBatchSizeExceeded, "BatchSize");
        failure.ErrorMessage.Should().Contain("50").And.Contain("51").And.Contain("Essai");
        validator.Validate(Sized(500), As(TenantType.Enterprise)).ShouldNotHaveFailure(TenancyErrorCodes.TierBatchSizeExceeded);
        validator.Validate(Sized(501), As(TenantType.Enterprise)).ShouldHaveFailure(TenancyErrorCodes.TierBatchSizeExceeded, "BatchSize");
        validator.Validate(Sized(1000), As(TenantType.Standard)).ShouldNotHaveFailure(TenancyErrorCodes.TierBatchSizeExceeded, "standard has no configured limit");
    }

    [Fact]
    public void A_tier_batch_size_limit_below_one_is_a_setting_error()
    {
        var act = () => new TestHost(o => o.Tiers.Trial = o.Tiers.Trial with { MaxBatchSize = 0 }).Validator<NotificationBatchSchema>();

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain("Tiers:Trial:MaxBatchSize");
    }

    [Fact]
    public void A_batch_holds_one_to_a_thousand_notifications()
    {
        var validator = _host.Validator<NotificationBatchSchema>();

        validator.Validate(Samples.Batch() with { Notifications = [] }, Enterprise).ShouldHaveFailure("NotEmptyValidator", "Notifications");
        var many = Samples.Batch() with { Notifications = [.. Enumerable.Range(0, 1001).Select(i => Samples.Notification() with { NotificationId = $"n{i}" })] };
        validator.Validate(many, Enterprise).ShouldHaveFailure("MaximumCountValidator", "Notifications").ErrorMessage.Should().Contain("1000");
    }

    [Fact]
    public void Templates_and_rules_validate_on_their_own()
    {
        var template = new NotificationTemplate
        {
            TemplateId = "t1", Name = "Maintenance", Channel = NotificationChannel.Email, BodyTemplate = "Hello {name}",
            Locales = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["fr-FR"] = new Dictionary<string, string> { ["body"] = "Bonjour {name}" }, ["klingon"] = new Dictionary<string, string>() },
        };
        var rule = new NotificationRule { RuleId = "r1", Name = "Route", TenantId = "x", Conditions = new Dictionary<string, System.Text.Json.JsonElement>(), Actions = [] };

        _host.Validator<NotificationTemplate>().Validate(template).ShouldHaveFailure(TenancyErrorCodes.InvalidLocale, "Locales[klingon]");
        _host.Validator<NotificationRule>().Validate(rule).ShouldHaveFailure(TenancyErrorCodes.TenantIdFormat, "TenantId");
        _host.Validator<NotificationRule>().Validate(rule with { TenantId = null }).ShouldBeCleanlyValid();
    }

    [Fact]
    public void The_cost_estimate_matches_the_spec_example()
    {
        var notification = Samples.Notification() with
        {
            Deliveries =
            [
                Delivery("d1", NotificationChannel.Email, 1),
                Delivery("d2", NotificationChannel.Sms, 2),
                Delivery("d3", NotificationChannel.Slack, 1),
                Delivery("d4", NotificationChannel.Teams, 3),
            ],
        };

        notification.EstimateCost().Should().BeApproximately(0.0231, 1e-12);
        Samples.Notification().EstimateCost().Should().Be(0);
    }

    [Fact]
    public void Delivery_helpers_count_rates_and_retries()
    {
        var notification = Samples.Notification() with
        {
            Recipients = [Samples.Recipient("a"), Samples.Recipient("b") with { Locale = "de" }],
            Deliveries =
            [
                Delivery("d1") with { Status = NotificationStatus.Delivered },
                Delivery("d2") with { Status = NotificationStatus.Read },
                Delivery("d3") with { Status = NotificationStatus.Failed, Attempts = 3, MaxAttempts = 3 },
                Delivery("d4") with { Status = NotificationStatus.Failed, Attempts = 1 },
            ],
        };

        notification.GetTotalRecipients().Should().Be(2);
        notification.CalculateSuccessRate().Should().Be(50);
        notification.GetDeliveryStatusSummary().Should().BeEquivalentTo(new Dictionary<NotificationStatus, int>
        {
            [NotificationStatus.Delivered] = 1, [NotificationStatus.Read] = 1, [NotificationStatus.Failed] = 2,
        });
        notification.GetFailedDeliveries().Select(d => d.DeliveryId).Should().Equal("d3", "d4");
        notification.ShouldRetry().Should().BeTrue();
        (notification with { Deliveries = [notification.Deliveries[2]] }).ShouldRetry().Should().BeFalse();
        notification.GetPreferredLocale("b").Should().Be("de");
        notification.GetPreferredLocale("nobody").Should().Be("en");
        Samples.Notification().CalculateSuccessRate().Should().Be(0);
        Samples.Notification().GetDeliveryStatusSummary().Should().BeEmpty();
    }

    [Fact]
    public void Contact_info_is_masked_in_ToString() =>
        Samples.Recipient().ToString().Should().NotContain("r1@acme.example.com").And.NotContain("+12025550123").And.Contain("ContactInfo = ***");

    public void Dispose() => _host.Dispose();
}
