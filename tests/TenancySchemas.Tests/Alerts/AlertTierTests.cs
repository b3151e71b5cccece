using TenancySchemas.Alerts;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Alerts;

/// <summary>The alert limits of the tier table, for every tier.</summary>
public sealed class AlertTierTests : IDisposable
{
    private readonly TestHost _host = new();

    private static TierLimits L(TenantType tier) => new TierProfile()[tier];

    private FluentValidation.Results.ValidationResult Validate(AlertSchema alert, TenantType tier, string culture = "en") =>
        InCulture.Run(culture, () => _host.Validator<AlertSchema>().Validate(alert, new TenancyValidationContext { Tier = tier }));

    private static AlertCondition Condition(int i) => new() { MetricName = $"metric_{i}", Operator = AlertOperator.Gt, Threshold = i };

    private static AlertEscalation Step(int i) => new() { Level = (EscalationLevel)i, Channels = [AlertChannel.Email], Recipients = [] };

    public static TheoryData<TenantType> Tiers() => new(TierProfile.AllTiers);

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Conditions_are_limited(TenantType tier)
    {
        var limit = L(tier).MaxAlertConditions;

        Validate(Samples.Alert() with { Conditions = [.. Enumerable.Range(0, limit).Select(Condition)] }, tier).ShouldBeCleanlyValid();
        var failure = Validate(Samples.Alert() with { Conditions = [.. Enumerable.Range(0, limit + 1).Select(Condition)] }, tier)
            .ShouldHaveFailure(TenancyErrorCodes.TierTooManyConditions, "Conditions");
        failure.ErrorMessage.Should().Be($"{tier} tenants may define at most {limit} alert conditions; got {limit + 1}");
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Effective_recipients_are_limited(TenantType tier)
    {
        var limit = L(tier).MaxRecipients;
        string Person(int i) => $"person{i}@acme.example.com";

        // Duplicates between the alert and its escalation count once.
        var atLimit = Samples.Alert() with
        {
            Recipients = [.. Enumerable.Range(0, limit).Select(Person)],
            Escalations = [Step(0) with { Recipients = [Person(0)] }],
        };
        var beyond = atLimit with { Escalations = [Step(0) with { Recipients = [Person(limit)] }] };

        Validate(atLimit, tier).ShouldNotHaveFailure(TenancyErrorCodes.TierTooManyRecipients);
        Validate(beyond, tier).ShouldHaveFailure(TenancyErrorCodes.TierTooManyRecipients, "Recipients")
            .ErrorMessage.Should().EndWith($"at most {limit} recipients; got {limit + 1}");
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Escalation_steps_are_limited(TenantType tier)
    {
        var limit = L(tier).MaxEscalationSteps;

        Validate(Samples.Alert() with { Escalations = [.. Enumerable.Range(0, limit).Select(Step)] }, tier).ShouldNotHaveFailure(TenancyErrorCodes.TierTooManyEscalations);
        if (limit < 5)
        {
            Validate(Samples.Alert() with { Escalations = [.. Enumerable.Range(0, limit + 1).Select(Step)] }, tier)
                .ShouldHaveFailure(TenancyErrorCodes.TierTooManyEscalations, "Escalations");
        }
    }

    [Theory]
    [InlineData(TenantType.Trial, AlertChannel.Email, true)]
    [InlineData(TenantType.Trial, AlertChannel.Slack, false)]
    [InlineData(TenantType.Standard, AlertChannel.Slack, true)]
    [InlineData(TenantType.Standard, AlertChannel.Teams, false)]
    [InlineData(TenantType.Professional, AlertChannel.Discord, true)]
    [InlineData(TenantType.Professional, AlertChannel.Sms, false)]
    [InlineData(TenantType.Professional, AlertChannel.Pagerduty, false)]
    [InlineData(TenantType.Enterprise, AlertChannel.Phone, true)]
    public void Channels_are_limited_on_the_alert_and_on_each_escalation(TenantType tier, AlertChannel channel, bool allowed)
    {
        var onAlert = Validate(Samples.Alert() with { NotificationChannels = [AlertChannel.Email, channel] }, tier);
        var onEscalation = Validate(Samples.Alert() with { Escalations = [Step(0) with { Channels = [channel] }] }, tier);

        if (allowed)
        {
            onAlert.ShouldBeCleanlyValid();
            onEscalation.ShouldBeCleanlyValid();
        }
        else
        {
            onAlert.ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed, "NotificationChannels[1]");
            onEscalation.ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed, "Escalations[0].Channels[0]");
        }
    }

    [Theory]
    [InlineData(TenantType.Trial, false)]
    [InlineData(TenantType.Standard, false)]
    [InlineData(TenantType.Professional, true)]
    [InlineData(TenantType.Enterprise, true)]
    public void Webhook_urls_and_webhook_actions_need_a_tier_with_webhooks(TenantType tier, bool allowed)
    {
        var urls = Validate(Samples.Alert() with { WebhookUrls = ["https://hooks.acme.com/a"] }, tier);
        var action = Validate(Samples.Alert() with { Actions = [new AlertAction { ActionType = AlertActionType.Webhook, Target = "https://hooks.acme.com/b" }] }, tier);
        var otherAction = Validate(Samples.Alert() with { Actions = [new AlertAction { ActionType = AlertActionType.Notification, Target = "ops" }] }, tier);

        otherAction.ShouldBeCleanlyValid();
        if (allowed)
        {
            urls.ShouldBeCleanlyValid();
            action.ShouldBeCleanlyValid();
        }
        else
        {
            urls.ShouldHaveFailure(TenancyErrorCodes.TierWebhookNotAllowed, "WebhookUrls");
            action.ShouldHaveFailure(TenancyErrorCodes.TierWebhookNotAllowed, "Actions[0]");
        }
    }

    [Fact]
    public void Tier_messages_are_translated()
    {
        var alert = Samples.Alert() with { NotificationChannels = [AlertChannel.Slack] };

        Validate(alert, TenantType.Trial, "de").ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed)
            .ErrorMessage.Should().Be("Der Kanal slack ist für Test-Mandanten nicht verfügbar");
        Validate(alert, TenantType.Trial, "es").ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed)
            .ErrorMessage.Should().Be("El canal slack no está disponible para los inquilinos Prueba");
    }

    [Fact]
    public void An_undefined_channel_is_named_by_its_number()
    {
        var alert = Samples.Alert() with { NotificationChannels = [AlertChannel.Email, (AlertChannel)99] };

        var result = Validate(alert, TenantType.Trial);

        result.ShouldHaveFailure("EnumValidator", "NotificationChannels[1]");
        result.ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed, "NotificationChannels[1]")
            .ErrorMessage.Should().Be("Channel 99 is not available for Trial tenants");
    }

    public void Dispose() => _host.Dispose();
}
