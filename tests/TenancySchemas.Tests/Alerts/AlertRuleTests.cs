using TenancySchemas.Alerts;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Alerts;

/// <summary>Every field rule and A1-A6 of spec §2.2 through the IValidator from DI (tier given per call), in English and French.</summary>
public sealed class AlertRuleTests : IDisposable
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenancySchemas.Tiers.TenantType.Enterprise };

    private readonly TestHost _host = new();

    private static AlertEscalation Step(EscalationLevel level) => new() { Level = level, Channels = [AlertChannel.Email], Recipients = [] };

    public static TheoryData<string, Func<AlertSchema, AlertSchema>, string, string> FailingCases() => new()
    {
        { "empty alert id", a => a with { AlertId = "" }, "NotEmptyValidator", "AlertId" },
        { "bad tenant id", a => a with { TenantId = "_x" }, TenancyErrorCodes.TenantIdFormat, "TenantId" },
        { "name of 2 characters", a => a with { Name = "ab" }, "LengthValidator", "Name" },
        { "title of 4 characters", a => a with { Title = "abcd" }, "LengthValidator", "Title" },
        { "description of 9 characters", a => a with { Description = "too short" }, "LengthValidator", "Description" },
        { "description of 1001 characters", a => a with { Description = new string('d', 1001) }, "LengthValidator", "Description" },
        { "no condition", a => a with { Conditions = [] }, "NotEmptyValidator", "Conditions" },
        { "condition without metric", a => a with { Conditions = [new AlertCondition { MetricName = "", Operator = AlertOperator.Eq, Threshold = 1 }] }, "NotEmptyValidator", "Conditions[0].MetricName" },
        { "condition lasting 0 minutes", a => a with { Conditions = [a.Conditions[0] with { DurationMinutes = 0 }] }, "InclusiveBetweenValidator", "Conditions[0].DurationMinutes" },
        { "evaluation window 61", a => a with { Conditions = [a.Conditions[0] with { EvaluationWindow = 61 }] }, "InclusiveBetweenValidator", "Conditions[0].EvaluationWindow" },
        { "A4 gt with a text threshold", a => a with { Conditions = [a.Conditions[0] with { Operator = AlertOperator.Gt, Threshold = "high" }] }, TenancyErrorCodes.AlertThresholdNotNumeric, "Conditions[0].Threshold" },
        { "A4 lte with an infinite text", a => a with { Conditions = [a.Conditions[0] with { Operator = AlertOperator.Lte, Threshold = "Infinity" }] }, TenancyErrorCodes.AlertThresholdNotNumeric, "Conditions[0].Threshold" },
        { "action without target", a => a with { Actions = [new AlertAction { ActionType = AlertActionType.Script, Target = "" }] }, "NotEmptyValidator", "Actions[0].Target" },
        { "11 retries", a => a with { Actions = [new AlertAction { ActionType = AlertActionType.Script, Target = "restart.sh", RetryCount = 11 }] }, "InclusiveBetweenValidator", "Actions[0].RetryCount" },
        { "retry delay 4 s", a => a with { Actions = [new AlertAction { ActionType = AlertActionType.Script, Target = "restart.sh", RetryDelaySeconds = 4 }] }, "InclusiveBetweenValidator", "Actions[0].RetryDelaySeconds" },
        { "escalation delay 0", a => a with { Escalations = [Step(EscalationLevel.L1) with { DelayMinutes = 0 }] }, "InclusiveBetweenValidator", "Escalations[0].DelayMinutes" },
        { "escalation recipient that is a broken email", a => a with { Escalations = [Step(EscalationLevel.L1) with { Recipients = ["lead@acme"] }] }, TenancyErrorCodes.InvalidEmail, "Escalations[0].Recipients[0]" },
        { "A1 descending levels", a => a with { Escalations = [Step(EscalationLevel.L2), Step(EscalationLevel.L1)] }, TenancyErrorCodes.AlertEscalationOrder, "Escalations[1].Level" },
        { "A1 repeated level", a => a with { Escalations = [Step(EscalationLevel.L1), Step(EscalationLevel.L1)] }, TenancyErrorCodes.AlertEscalationOrder, "Escalations[1].Level" },
        { "A1 l3, executive, l1", a => a with { Escalations = [Step(EscalationLevel.L3), Step(EscalationLevel.Executive), Step(EscalationLevel.L1)] }, TenancyErrorCodes.AlertEscalationOrder, "Escalations[2].Level" },
        { "A2 critical without escalation", a => a with { Severity = AlertSeverity.Critical }, TenancyErrorCodes.AlertCriticalRequiresEscalation, "Escalations" },
        { "A3 acknowledged before triggered", a => a with { TriggeredAt = TestHost.Now, AcknowledgedAt = TestHost.Now.AddMinutes(-1) }, TenancyErrorCodes.TimestampOrder, "AcknowledgedAt" },
        { "A3 resolved before acknowledged", a => a with { AcknowledgedAt = TestHost.Now, ResolvedAt = TestHost.Now.AddMinutes(-1) }, TenancyErrorCodes.TimestampOrder, "ResolvedAt" },
        { "A3 resolved before triggered", a => a with { TriggeredAt = TestHost.Now, ResolvedAt = TestHost.Now.AddMinutes(-1) }, TenancyErrorCodes.TimestampOrder, "ResolvedAt" },
        { "A3 updated before created", a => a with { UpdatedAt = a.CreatedAt.AddTicks(-1) }, TenancyErrorCodes.TimestampOrder, "UpdatedAt" },
        { "A5 day 7", a => a with { Suppression = new() { DaysOfWeek = [1, 7] } }, TenancyErrorCodes.AlertInvalidDay, "Suppression.DaysOfWeek[1]" },
        { "A5 day -1", a => a with { Suppression = new() { DaysOfWeek = [-1] } }, TenancyErrorCodes.AlertInvalidDay, "Suppression.DaysOfWeek[0]" },
        { "A6 start without end", a => a with { Suppression = new() { StartTime = "22:00" } }, TenancyErrorCodes.AlertSuppressionWindowIncomplete, "Suppression.EndTime" },
        { "A6 end without start", a => a with { Suppression = new() { EndTime = "06:00" } }, TenancyErrorCodes.AlertSuppressionWindowIncomplete, "Suppression.StartTime" },
        { "suppression time 24:00", a => a with { Suppression = new() { StartTime = "24:00", EndTime = "06:00" } }, "RegularExpressionValidator", "Suppression.StartTime" },
        { "suppression in a Windows zone", a => a with { Suppression = new() { TimeZone = "W. Europe Standard Time" } }, TenancyErrorCodes.InvalidTimeZone, "Suppression.TimeZone" },
        { "suppression reason of 201", a => a with { Suppression = new() { Reason = new string('r', 201) } }, "MaximumLengthValidator", "Suppression.Reason" },
        { "recipient that is a broken email", a => a with { Recipients = ["ops@"] }, TenancyErrorCodes.InvalidEmail, "Recipients[0]" },
        { "empty recipient", a => a with { Recipients = [""] }, "NotEmptyValidator", "Recipients[0]" },
        { "webhook that is not http", a => a with { WebhookUrls = ["ftp://hooks.acme.com"] }, TenancyErrorCodes.InvalidUrl, "WebhookUrls[0]" },
        { "auto-resolve 4 minutes", a => a with { AutoResolveMinutes = 4 }, "InclusiveBetweenValidator", "AutoResolveMinutes" },
        { "cooldown 61", a => a with { CooldownMinutes = 61 }, "InclusiveBetweenValidator", "CooldownMinutes" },
        { "0 notifications", a => a with { MaxNotifications = 0 }, "InclusiveBetweenValidator", "MaxNotifications" },
        { "relative runbook", a => a with { RunbookUrl = "/wiki/cpu" }, TenancyErrorCodes.InvalidUrl, "RunbookUrl" },
        { "negative response time", a => a with { Metrics = new() { ResponseTimeMs = -1 } }, "GreaterThanOrEqualValidator", "Metrics.ResponseTimeMs" },
        { "satisfaction 6", a => a with { Metrics = new() { UserSatisfaction = 6 } }, "InclusiveBetweenValidator", "Metrics.UserSatisfaction" },
        { "undefined severity", a => a with { Severity = (AlertSeverity)99 }, "EnumValidator", "Severity" },
    };

    public static TheoryData<string, Func<AlertSchema, AlertSchema>, string, string?> PassingCases() => new()
    {
        { "A4 gt with a numeric text", a => a with { Conditions = [a.Conditions[0] with { Threshold = "90.5" }] }, TenancyErrorCodes.AlertThresholdNotNumeric, null },
        { "A4 contains with a text", a => a with { Conditions = [a.Conditions[0] with { Operator = AlertOperator.Contains, Threshold = "timeout" }] }, TenancyErrorCodes.AlertThresholdNotNumeric, null },
        { "A4 eq with a text", a => a with { Conditions = [a.Conditions[0] with { Operator = AlertOperator.Eq, Threshold = "down" }] }, TenancyErrorCodes.AlertThresholdNotNumeric, null },
        { "A1 l1, l3, executive", a => a with { Escalations = [Step(EscalationLevel.L1), Step(EscalationLevel.L3), Step(EscalationLevel.Executive)] }, TenancyErrorCodes.AlertEscalationOrder, null },
        { "A2 critical with escalation", a => a with { Severity = AlertSeverity.Critical, Escalations = [Step(EscalationLevel.L1)] }, TenancyErrorCodes.AlertCriticalRequiresEscalation, null },
        { "A3 triggered, acknowledged, resolved in order", a => a with { TriggeredAt = TestHost.Now.AddMinutes(-30), AcknowledgedAt = TestHost.Now.AddMinutes(-20), ResolvedAt = TestHost.Now }, TenancyErrorCodes.TimestampOrder, null },
        { "A3 resolved without acknowledgement", a => a with { TriggeredAt = TestHost.Now.AddMinutes(-30), ResolvedAt = TestHost.Now }, TenancyErrorCodes.TimestampOrder, null },
        { "A5 days 0 and 6", a => a with { Suppression = new() { DaysOfWeek = [0, 6] } }, TenancyErrorCodes.AlertInvalidDay, null },
        { "A6 both ends", a => a with { Suppression = new() { StartTime = "22:00", EndTime = "6:00" } }, TenancyErrorCodes.AlertSuppressionWindowIncomplete, null },
        { "channel and team recipients are not emails", a => a with { Recipients = ["#alerts", "@oncall", "oncall@acme.example.com"] }, TenancyErrorCodes.InvalidEmail, null },
        { "suppression reason of 200", a => a with { Suppression = new() { Reason = new string('r', 200) } }, "MaximumLengthValidator", null },
        { "runbook on an internal host", a => a with { RunbookUrl = "http://wiki:8080/runbooks/cpu" }, TenancyErrorCodes.InvalidUrl, null },
        { "satisfaction 5", a => a with { Metrics = new() { UserSatisfaction = 5, EscalationCount = 0 } }, "InclusiveBetweenValidator", null },
    };

    [Fact]
    public void The_sample_alerts_are_valid() =>
        new[] { _host.Validator<AlertSchema>().Validate(Samples.Alert(), Enterprise), _host.Validator<TenantAlertSchema>().Validate(Samples.TenantAlert(), Enterprise) }
            .Should().AllSatisfy(r => r.ShouldBeCleanlyValid());

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void A_broken_rule_fails_with_its_code_and_path_in_English_and_French(string scenario, Func<AlertSchema, AlertSchema> change, string code, string property)
    {
        var alert = change(Samples.Alert());

        var english = InCulture.Run("en", () => _host.Validator<AlertSchema>().Validate(alert, Enterprise)).ShouldHaveFailure(code, property);
        var french = InCulture.Run("fr", () => _host.Validator<AlertSchema>().Validate(alert, Enterprise)).ShouldHaveFailure(code, property);

        french.ErrorMessage.Should().NotBe(english.ErrorMessage, scenario);
        english.ErrorMessage.Should().NotContain("{");
    }

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void A_value_that_keeps_the_rule_passes(string scenario, Func<AlertSchema, AlertSchema> change, string code, string? property)
    {
        var result = _host.Validator<AlertSchema>().Validate(change(Samples.Alert()), Enterprise);

        result.ShouldNotHaveFailure(code, property);
        result.IsValid.Should().BeTrue(scenario);
    }

    [Fact]
    public void A_tenant_alert_gets_every_alert_rule_and_its_own()
    {
        var broken = Samples.TenantAlert() with { Name = "x", Severity = AlertSeverity.Critical, BusinessImpact = new string('b', 501) };

        var result = _host.Validator<TenantAlertSchema>().Validate(broken, Enterprise);

        result.ShouldHaveFailure("LengthValidator", "Name");
        result.ShouldHaveFailure(TenancyErrorCodes.AlertCriticalRequiresEscalation);
        result.ShouldHaveFailure("MaximumLengthValidator", "BusinessImpact");
    }

    [Fact]
    public void The_threshold_message_names_the_operator()
    {
        var alert = Samples.Alert() with { Conditions = [Samples.Alert().Conditions[0] with { Operator = AlertOperator.Gte, Threshold = "high" }] };

        _host.Validator<AlertSchema>().Validate(alert, Enterprise).ShouldHaveFailure(TenancyErrorCodes.AlertThresholdNotNumeric)
            .ErrorMessage.Should().Be("Operator gte requires a numeric threshold");
    }

    public void Dispose() => _host.Dispose();
}
