using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;
using TenancySchemas.Warnings;

namespace TenancySchemas.Tests.Warnings;

/// <summary>Field rules, W1-W4, tier rules and helpers of spec §2.3.</summary>
public sealed class WarningTests : IDisposable
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };

    private readonly TestHost _host = new();

    private static WarningPrediction Prediction(EscalationProbability probability) =>
        new() { ModelName = "capacity-v2", ConfidenceScore = 0.8, PredictionWindowHours = 48, EscalationProbability = probability };

    public static TheoryData<string, Func<WarningSchema, WarningSchema>, string, string> FailingCases() => new()
    {
        { "title of 4", w => w with { Title = "Disk" }, "LengthValidator", "Title" },
        { "description of 2001", w => w with { Description = new string('d', 2001) }, "LengthValidator", "Description" },
        { "bad tenant id", w => w with { TenantId = "a" }, TenancyErrorCodes.TenantIdFormat, "TenantId" },
        { "metric without name", w => w with { Metrics = [new WarningMetric { MetricName = "", CurrentValue = 1 }] }, "NotEmptyValidator", "Metrics[0].MetricName" },
        { "confidence 1.01", w => w with { Prediction = Prediction(EscalationProbability.Low) with { ConfidenceScore = 1.01 } }, "InclusiveBetweenValidator", "Prediction.ConfidenceScore" },
        { "prediction window 169 h", w => w with { Prediction = Prediction(EscalationProbability.Low) with { PredictionWindowHours = 169 } }, "InclusiveBetweenValidator", "Prediction.PredictionWindowHours" },
        { "mitigation without description", w => w with { Mitigations = [new WarningMitigation { ActionType = "scale", Description = "" }] }, "NotEmptyValidator", "Mitigations[0].Description" },
        { "negative affected users", w => w with { Impact = new() { AffectedUsers = -1 } }, "GreaterThanOrEqualValidator", "Impact.AffectedUsers" },
        { "escalation threshold 0", w => w with { EscalationThresholdHours = 0 }, "InclusiveBetweenValidator", "EscalationThresholdHours" },
        { "dashboard url that is not a url", w => w with { DashboardUrl = "grafana" }, TenancyErrorCodes.InvalidUrl, "DashboardUrl" },
        { "W1 urgent with the default 24 h", w => w with { Severity = WarningSeverity.Urgent }, TenancyErrorCodes.WarningUrgentEscalationThreshold, "EscalationThresholdHours" },
        { "W1 urgent with 5 h", w => w with { Severity = WarningSeverity.Urgent, EscalationThresholdHours = 5 }, TenancyErrorCodes.WarningUrgentEscalationThreshold, "EscalationThresholdHours" },
        { "W2 high with very low probability", w => w with { Severity = WarningSeverity.High, Prediction = Prediction(EscalationProbability.VeryLow) }, TenancyErrorCodes.WarningSeverityProbabilityMismatch, "Prediction.EscalationProbability" },
        { "W3 acknowledged before detected", w => w with { DetectedAt = TestHost.Now, AcknowledgedAt = TestHost.Now.AddSeconds(-1) }, TenancyErrorCodes.TimestampOrder, "AcknowledgedAt" },
        { "W3 resolved before acknowledged", w => w with { AcknowledgedAt = TestHost.Now, ResolvedAt = TestHost.Now.AddSeconds(-1) }, TenancyErrorCodes.TimestampOrder, "ResolvedAt" },
        { "W3 escalated before detected", w => w with { DetectedAt = TestHost.Now, EscalatedAt = TestHost.Now.AddSeconds(-1) }, TenancyErrorCodes.TimestampOrder, "EscalatedAt" },
        { "W3 updated before created", w => w with { UpdatedAt = w.CreatedAt.AddSeconds(-1) }, TenancyErrorCodes.TimestampOrder, "UpdatedAt" },
        { "W4 expires at creation", w => w with { ExpiresAt = w.CreatedAt }, TenancyErrorCodes.ExpiresBeforeCreated, "ExpiresAt" },
    };

    public static TheoryData<string, Func<WarningSchema, WarningSchema>, string> PassingCases() => new()
    {
        { "W1 urgent with 4 h", w => w with { Severity = WarningSeverity.Urgent, EscalationThresholdHours = 4 }, TenancyErrorCodes.WarningUrgentEscalationThreshold },
        { "W1 high with the default 24 h", w => w with { Severity = WarningSeverity.High }, TenancyErrorCodes.WarningUrgentEscalationThreshold },
        { "W2 high with low probability", w => w with { Severity = WarningSeverity.High, Prediction = Prediction(EscalationProbability.Low) }, TenancyErrorCodes.WarningSeverityProbabilityMismatch },
        { "W2 medium with very low probability", w => w with { Prediction = Prediction(EscalationProbability.VeryLow) }, TenancyErrorCodes.WarningSeverityProbabilityMismatch },
        { "W3 in order", w => w with { DetectedAt = TestHost.Now.AddHours(-1), AcknowledgedAt = TestHost.Now.AddMinutes(-30), EscalatedAt = TestHost.Now.AddMinutes(-10), ResolvedAt = TestHost.Now }, TenancyErrorCodes.TimestampOrder },
        { "W4 expires later", w => w with { ExpiresAt = w.CreatedAt.AddDays(1) }, TenancyErrorCodes.ExpiresBeforeCreated },
    };

    [Fact]
    public void The_sample_warnings_are_valid()
    {
        _host.Validator<WarningSchema>().Validate(Samples.Warning(), Enterprise).ShouldBeCleanlyValid();
        _host.Validator<TenantWarningSchema>().Validate(Samples.TenantWarning(), Enterprise).ShouldBeCleanlyValid();
    }

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void A_broken_rule_fails_with_its_code_and_path_in_English_and_Spanish(string scenario, Func<WarningSchema, WarningSchema> change, string code, string property)
    {
        var warning = change(Samples.Warning());

        var english = InCulture.Run("en", () => _host.Validator<WarningSchema>().Validate(warning, Enterprise)).ShouldHaveFailure(code, property);
        var spanish = InCulture.Run("es", () => _host.Validator<WarningSchema>().Validate(warning, Enterprise)).ShouldHaveFailure(code, property);

        spanish.ErrorMessage.Should().NotBe(english.ErrorMessage, scenario);
    }

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void A_value_that_keeps_the_rule_passes(string scenario, Func<WarningSchema, WarningSchema> change, string code)
    {
        var result = _host.Validator<WarningSchema>().Validate(change(Samples.Warning()), Enterprise);

        result.ShouldNotHaveFailure(code);
        result.IsValid.Should().BeTrue(scenario);
    }

    [Theory]
    [InlineData(TenantType.Trial, false)]
    [InlineData(TenantType.Standard, false)]
    [InlineData(TenantType.Professional, true)]
    [InlineData(TenantType.Enterprise, true)]
    public void Ml_predictions_and_automatic_mitigation_need_a_tier_with_ml(TenantType tier, bool allowed)
    {
        var context = new TenancyValidationContext { Tier = tier };
        var validator = _host.Validator<WarningSchema>();
        var predicted = validator.Validate(Samples.Warning() with { Prediction = Prediction(EscalationProbability.Medium) }, context);
        var fromMl = validator.Validate(Samples.Warning() with { Source = WarningSource.MlPrediction }, context);
        var autoMitigation = validator.Validate(Samples.Warning() with { AutoMitigationEnabled = true }, context);
        var automated = validator.Validate(Samples.Warning() with { Mitigations = [new WarningMitigation { ActionType = "scale", Description = "Add a node", Automated = true }] }, context);
        var manual = validator.Validate(Samples.Warning() with { Mitigations = [new WarningMitigation { ActionType = "scale", Description = "Add a node" }] }, context);

        manual.ShouldBeCleanlyValid();
        if (allowed)
        {
            new[] { predicted, fromMl, autoMitigation, automated }.Should().AllSatisfy(r => r.ShouldBeCleanlyValid());
        }
        else
        {
            predicted.ShouldHaveFailure(TenancyErrorCodes.TierMlNotAllowed, "Prediction");
            fromMl.ShouldHaveFailure(TenancyErrorCodes.TierMlNotAllowed, "Source");
            autoMitigation.ShouldHaveFailure(TenancyErrorCodes.TierAutoMitigationNotAllowed, "AutoMitigationEnabled");
            automated.ShouldHaveFailure(TenancyErrorCodes.TierAutoMitigationNotAllowed, "Mitigations[0]").ErrorMessage
                .Should().Be($"Automatic mitigation is not available for {tier} tenants");
        }
    }

    [Fact]
    public void A_tenant_warning_gets_every_warning_rule_and_its_own()
    {
        var result = _host.Validator<TenantWarningSchema>().Validate(Samples.TenantWarning() with { Severity = WarningSeverity.Urgent, CostImpact = -1 }, Enterprise);

        result.ShouldHaveFailure(TenancyErrorCodes.WarningUrgentEscalationThreshold);
        result.ShouldHaveFailure("GreaterThanOrEqualValidator", "CostImpact");
    }

    [Fact]
    public void The_urgency_score_matches_the_spec_example()
    {
        var warning = Samples.Warning() with
        {
            Severity = WarningSeverity.Medium,
            Prediction = Prediction(EscalationProbability.High),
            Impact = new() { SlaAtRisk = true, AffectedUsers = 2500 },
        };

        warning.CalculateUrgencyScore().Should().Be(100);
        (Samples.Warning() with { Severity = WarningSeverity.Advisory }).CalculateUrgencyScore().Should().Be(20);
        (Samples.Warning() with { Impact = new() { AffectedUsers = 250 } }).CalculateUrgencyScore().Should().Be(62.5);
    }

    [Fact]
    public void ShouldEscalate_follows_age_probability_and_risk()
    {
        var young = Samples.Warning() with { CreatedAt = TestHost.Now.AddHours(-23) };

        young.ShouldEscalate(TestHost.Now).Should().BeFalse();
        (young with { CreatedAt = TestHost.Now.AddHours(-24) }).ShouldEscalate(TestHost.Now).Should().BeTrue();
        (young with { Prediction = Prediction(EscalationProbability.VeryHigh) }).ShouldEscalate(TestHost.Now).Should().BeTrue();
        (young with { Prediction = Prediction(EscalationProbability.Medium) }).ShouldEscalate(TestHost.Now).Should().BeFalse();
        (young with { Impact = new() { ComplianceRisk = true } }).ShouldEscalate(TestHost.Now).Should().BeTrue();
        (young with { Impact = new() { SlaAtRisk = true } }).ShouldEscalate(TestHost.Now).Should().BeTrue();
    }

    [Fact]
    public void Recommended_actions_put_the_predictions_first_without_duplicates()
    {
        var warning = Samples.Warning() with
        {
            WarningType = WarningType.CapacityWarning,
            Prediction = Prediction(EscalationProbability.Low) with { RecommendedActions = ["Consider auto-scaling", "Page the DBA", "Page the DBA"] },
        };

        warning.GetRecommendedActions().Should().Equal("Consider auto-scaling", "Page the DBA", "Plan capacity increase", "Analyze usage patterns");
        (Samples.Warning() with { WarningType = WarningType.SecurityConcern }).GetRecommendedActions().Should().BeEmpty();
    }

    [Fact]
    public void The_correlation_key_matches_the_spec_example()
    {
        var warning = Samples.Warning() with
        {
            Category = WarningCategory.Infrastructure,
            Service = null,
            Component = "db",
            Metrics = [new WarningMetric { MetricName = "cpu_usage_percent", CurrentValue = 93 }, new WarningMetric { MetricName = "other", CurrentValue = 1 }],
        };

        warning.GetCorrelationKey().Should().Be("acme_01:infrastructure:unknown:db:cpu_usage_percent");
        (warning with { Metrics = [], Category = WarningCategory.UserExperience }).GetCorrelationKey().Should().Be("acme_01:user_experience:unknown:db");
    }

    public void Dispose() => _host.Dispose();
}
