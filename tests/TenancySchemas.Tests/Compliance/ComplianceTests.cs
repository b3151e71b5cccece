using System.Text.Json;
using FluentValidation;
using TenancySchemas.Compliance;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;
using static TenancySchemas.Compliance.ComplianceStandard;

namespace TenancySchemas.Tests.Compliance;

/// <summary>Rules C1-C15 (spec §2.6 and §4), field rules, tier rules and helpers.</summary>
public sealed class ComplianceTests : IDisposable
{
    private readonly TestHost _host = new();

    private FluentValidation.Results.ValidationResult Validate(ComplianceSchema schema, TenantType tier = TenantType.Enterprise, string culture = "en") =>
        InCulture.Run(culture, () => _host.Validator<ComplianceSchema>().Validate(schema, new TenancyValidationContext { Tier = tier, Now = TestHost.Now }));

    private static ComplianceAssessment Assessment(string id = "a1", string tenant = "acme_01") => new()
    {
        AssessmentId = id, Name = "Annual", Description = "Annual review", TenantId = tenant, Standards = [Gdpr], Scope = ["all"],
        AssessmentType = AuditType.Internal, Methodology = "ISO 19011", Assessor = "Big4", StartDate = TestHost.Now.AddDays(-10),
        EndDate = TestHost.Now.AddDays(-1), ControlsEvaluated = ["ctl-1"], OverallStatus = ComplianceStatus.Compliant, OverallScore = 90,
    };

    private static AuditTrail Trail(string id = "au1", string tenant = "acme_01") =>
        new() { AuditId = id, UserId = "u1", TenantId = tenant, Action = "export", ResourceType = "report", ResourceId = "r1", Success = true };

    public static TheoryData<string, Func<ComplianceSchema, ComplianceSchema>, string, string, Severity> FailingCases() => new()
    {
        { "empty officer", s => s with { ComplianceOfficer = "" }, "NotEmptyValidator", "ComplianceOfficer", Severity.Error },
        { "score 101", s => s with { ComplianceScore = 101 }, "InclusiveBetweenValidator", "ComplianceScore", Severity.Error },
        { "maturity 6", s => s with { MaturityLevel = 6 }, "InclusiveBetweenValidator", "MaturityLevel", Severity.Error },
        { "report distribution that is not an email", s => s with { ReportDistribution = ["board"] }, TenancyErrorCodes.InvalidEmail, "ReportDistribution[0]", Severity.Error },
        { "integration endpoint that is not a url", s => s with { IntegrationEndpoints = new Dictionary<string, string> { ["siem"] = "splunk" } }, TenancyErrorCodes.InvalidUrl, "IntegrationEndpoints[siem]", Severity.Error },
        { "audit ip that is not one", s => s with { AuditTrails = [Trail() with { IpAddress = "10.0.0.300" }] }, TenancyErrorCodes.InvalidIp, "AuditTrails[0].IpAddress", Severity.Error },
        { "retention 0 days", s => s with { DataRetentionPolicies = [Samples.Policy() with { RetentionPeriodDays = 0 }] }, "GreaterThanOrEqualValidator", "DataRetentionPolicies[0].RetentionPeriodDays", Severity.Error },
        { "control maturity 0", s => s with { Controls = [.. s.Controls.Skip(1), Samples.Control("ctl-9", Gdpr) with { MaturityLevel = 0 }] }, "InclusiveBetweenValidator", "Controls[4].MaturityLevel", Severity.Error },
        { "C1 an applicable standard without a control", s => s with { ApplicableStandards = [Gdpr, Soc2] }, TenancyErrorCodes.ComplianceMissingControls, "ApplicableStandards", Severity.Error },
        { "C2 GDPR without a DPO", s => s with { DataProtectionOfficer = " " }, TenancyErrorCodes.ComplianceGdprRequiresDpo, "DataProtectionOfficer", Severity.Error },
        { "C3 GDPR without a retention policy", s => s with { DataRetentionPolicies = [] }, TenancyErrorCodes.ComplianceGdprRequiresRetentionPolicy, "DataRetentionPolicies", Severity.Error },
        { "C4 GDPR breach notified after 73 h", s => s with { IncidentReports = [Samples.Breach(Gdpr) with { DiscoveredAt = TestHost.Now.AddDays(-5), ReportedAt = TestHost.Now.AddDays(-5), RegulatoryNotificationsSent = [Samples.Sent(TestHost.Now.AddDays(-5).AddHours(73))] }] }, TenancyErrorCodes.ComplianceGdprBreachNotificationLate, "IncidentReports[0].RegulatoryNotificationsSent", Severity.Error },
        { "C5 GDPR breach unnotified after 72 h", s => s with { IncidentReports = [Samples.Breach(Gdpr) with { DiscoveredAt = TestHost.Now.AddHours(-73), ReportedAt = TestHost.Now.AddHours(-73) }] }, TenancyErrorCodes.ComplianceGdprBreachNotificationOverdue, "IncidentReports[0].RegulatoryNotificationsSent", Severity.Warning },
        { "C6 HIPAA breach notified after 61 days", s => s with { IncidentReports = [Samples.Breach(Hipaa) with { DiscoveredAt = TestHost.Now.AddDays(-90), ReportedAt = TestHost.Now.AddDays(-90), RegulatoryNotificationsSent = [Samples.Sent(TestHost.Now.AddDays(-29))] }] }, TenancyErrorCodes.ComplianceHipaaBreachNotificationLate, "IncidentReports[0].RegulatoryNotificationsSent", Severity.Error },
        { "C6 HIPAA breach unnotified after 60 days", s => s with { IncidentReports = [Samples.Breach(Hipaa) with { DiscoveredAt = TestHost.Now.AddDays(-61), ReportedAt = TestHost.Now.AddDays(-61) }] }, TenancyErrorCodes.ComplianceHipaaBreachNotificationOverdue, "IncidentReports[0].RegulatoryNotificationsSent", Severity.Warning },
        { "C7 notification without sent_at", s => s with { IncidentReports = [Samples.Breach(Gdpr) with { RegulatoryNotificationsSent = [new Dictionary<string, JsonElement> { ["sent_at"] = JsonSerializer.SerializeToElement("2026-11-25") }] }] }, TenancyErrorCodes.ComplianceNotificationWithoutTimestamp, "IncidentReports[0].RegulatoryNotificationsSent[0]", Severity.Warning },
        { "C8 HIPAA policy kept 5 years", s => s with { DataRetentionPolicies = [Samples.Policy() with { ApplicableStandards = [Hipaa], RetentionPeriodDays = 1825 }] }, TenancyErrorCodes.ComplianceHipaaRetentionTooShort, "DataRetentionPolicies[0].RetentionPeriodDays", Severity.Error },
        { "C8 PHI under an applicable HIPAA", s => s with { ApplicableStandards = [Gdpr, Hipaa], Controls = [.. s.Controls, Samples.Control("h1", Hipaa), Samples.Control("h2", Hipaa), Samples.Control("h3", Hipaa), Samples.Control("h4", Hipaa)], DataRetentionPolicies = [Samples.Policy() with { ContainsPhi = true }] }, TenancyErrorCodes.ComplianceHipaaRetentionTooShort, "DataRetentionPolicies[0].RetentionPeriodDays", Severity.Error },
        { "C9 PII soft-deleted", s => s with { DataRetentionPolicies = [Samples.Policy() with { DeletionMethod = DeletionMethod.SoftDelete }] }, TenancyErrorCodes.CompliancePiiDeletionMethod, "DataRetentionPolicies[0].DeletionMethod", Severity.Error },
        { "C10 DSR answered in 45 days", s => s with { PrivacyPolicies = new Dictionary<string, JsonElement> { ["dsr_response_days"] = JsonSerializer.SerializeToElement(45) } }, TenancyErrorCodes.ComplianceGdprDsrDeadline, "PrivacyPolicies[dsr_response_days]", Severity.Error },
        { "C10 DSR deadline that is not a number", s => s with { PrivacyPolicies = new Dictionary<string, JsonElement> { ["dsr_response_days"] = JsonSerializer.SerializeToElement("one month") } }, TenancyErrorCodes.ComplianceGdprDsrDeadline, "PrivacyPolicies[dsr_response_days]", Severity.Error },
        { "C11 four GDPR controls", s => s with { Controls = [.. s.Controls.Take(4)] }, TenancyErrorCodes.ComplianceMinControls, "Controls", Severity.Warning },
        { "C12 assessment of an unknown control", s => s with { Assessments = [Assessment() with { ControlsEvaluated = ["ctl-1", "ctl-42"] }] }, TenancyErrorCodes.ComplianceUnknownControl, "Assessments[0].ControlsEvaluated[1]", Severity.Warning },
        { "C13 duplicate control", s => s with { Controls = [.. s.Controls, s.Controls[0]] }, TenancyErrorCodes.ComplianceDuplicateId, "Controls[5].ControlId", Severity.Error },
        { "C13 duplicate policy", s => s with { DataRetentionPolicies = [Samples.Policy(), Samples.Policy()] }, TenancyErrorCodes.ComplianceDuplicateId, "DataRetentionPolicies[1].PolicyId", Severity.Error },
        { "C13 duplicate audit", s => s with { AuditTrails = [Trail(), Trail()] }, TenancyErrorCodes.ComplianceDuplicateId, "AuditTrails[1].AuditId", Severity.Error },
        { "C13 duplicate incident", s => s with { IncidentReports = [Samples.Breach(), Samples.Breach()] }, TenancyErrorCodes.ComplianceDuplicateId, "IncidentReports[1].IncidentId", Severity.Error },
        { "C13 duplicate assessment", s => s with { Assessments = [Assessment(), Assessment()] }, TenancyErrorCodes.ComplianceDuplicateId, "Assessments[1].AssessmentId", Severity.Error },
        { "C14 review before effect", s => s with { DataRetentionPolicies = [Samples.Policy() with { ReviewDate = TestHost.Now.AddYears(-2) }] }, TenancyErrorCodes.TimestampOrder, "DataRetentionPolicies[0].ReviewDate", Severity.Error },
        { "C14 assessment ends before it starts", s => s with { Assessments = [Assessment() with { EndDate = TestHost.Now.AddDays(-20) }] }, TenancyErrorCodes.TimestampOrder, "Assessments[0].EndDate", Severity.Error },
        { "C14 next assessment before the last", s => s with { LastAssessmentDate = TestHost.Now, NextAssessmentDate = TestHost.Now.AddDays(-1) }, TenancyErrorCodes.TimestampOrder, "NextAssessmentDate", Severity.Error },
        { "C14 control assessed next before last", s => s with { Controls = [s.Controls[0] with { LastAssessmentDate = TestHost.Now, NextAssessmentDate = TestHost.Now.AddDays(-1) }, .. s.Controls.Skip(1)] }, TenancyErrorCodes.TimestampOrder, "Controls[0].NextAssessmentDate", Severity.Error },
        { "C14 discovered before it occurred", s => s with { IncidentReports = [Samples.Breach() with { OccurredAt = TestHost.Now }] }, TenancyErrorCodes.TimestampOrder, "IncidentReports[0].DiscoveredAt", Severity.Error },
        { "C14 reported before discovered", s => s with { IncidentReports = [Samples.Breach() with { ReportedAt = TestHost.Now.AddDays(-2) }] }, TenancyErrorCodes.TimestampOrder, "IncidentReports[0].ReportedAt", Severity.Error },
        { "C14 resolved before discovered", s => s with { IncidentReports = [Samples.Breach() with { ResolvedAt = TestHost.Now.AddDays(-2) }] }, TenancyErrorCodes.TimestampOrder, "IncidentReports[0].ResolvedAt", Severity.Error },
        { "C15 audit trail of another tenant", s => s with { AuditTrails = [Trail(tenant: "other_tenant")] }, TenancyErrorCodes.TenantMismatch, "AuditTrails[0].TenantId", Severity.Error },
        { "C15 assessment of another tenant", s => s with { Assessments = [Assessment(tenant: "other_tenant")] }, TenancyErrorCodes.TenantMismatch, "Assessments[0].TenantId", Severity.Error },
    };

    public static TheoryData<string, Func<ComplianceSchema, ComplianceSchema>, string> PassingCases() => new()
    {
        { "C1 no applicable standard", s => s with { ApplicableStandards = [], Controls = [] }, TenancyErrorCodes.ComplianceMissingControls },
        { "C4 GDPR breach notified at 72 h exactly", s => s with { IncidentReports = [Samples.Breach(Gdpr) with { DiscoveredAt = TestHost.Now.AddDays(-5), ReportedAt = TestHost.Now.AddDays(-5), RegulatoryNotificationsSent = [Samples.Sent(TestHost.Now.AddDays(-5).AddHours(72)), Samples.Sent(TestHost.Now)] }] }, TenancyErrorCodes.ComplianceGdprBreachNotificationLate },
        { "C5 GDPR breach still within 72 h", s => s with { IncidentReports = [Samples.Breach(Gdpr) with { DiscoveredAt = TestHost.Now.AddHours(-71), ReportedAt = TestHost.Now.AddHours(-71) }] }, TenancyErrorCodes.ComplianceGdprBreachNotificationOverdue },
        { "C4 no notification required", s => s with { IncidentReports = [Samples.Breach(Gdpr) with { RegulatoryNotificationRequired = false, DiscoveredAt = TestHost.Now.AddDays(-9), ReportedAt = TestHost.Now.AddDays(-9) }] }, TenancyErrorCodes.ComplianceGdprBreachNotificationOverdue },
        { "C6 HIPAA breach notified within 60 days", s => s with { IncidentReports = [Samples.Breach(Hipaa) with { DiscoveredAt = TestHost.Now.AddDays(-90), ReportedAt = TestHost.Now.AddDays(-90), RegulatoryNotificationsSent = [Samples.Sent(TestHost.Now.AddDays(-31))] }] }, TenancyErrorCodes.ComplianceHipaaBreachNotificationLate },
        { "C8 HIPAA policy kept 6 years", s => s with { DataRetentionPolicies = [Samples.Policy() with { ApplicableStandards = [Hipaa], RetentionPeriodDays = 2190 }] }, TenancyErrorCodes.ComplianceHipaaRetentionTooShort },
        { "C9 PII anonymized", s => s with { DataRetentionPolicies = [Samples.Policy() with { DeletionMethod = DeletionMethod.Anonymization }] }, TenancyErrorCodes.CompliancePiiDeletionMethod },
        { "C9 no PII, soft delete", s => s with { DataRetentionPolicies = [Samples.Policy() with { ContainsPii = false, DeletionMethod = DeletionMethod.SoftDelete }] }, TenancyErrorCodes.CompliancePiiDeletionMethod },
        { "C10 DSR in 30 days", s => s with { PrivacyPolicies = new Dictionary<string, JsonElement> { ["dsr_response_days"] = JsonSerializer.SerializeToElement(30) } }, TenancyErrorCodes.ComplianceGdprDsrDeadline },
        { "C15 nested tenants match", s => s with { AuditTrails = [Trail()], Assessments = [Assessment()] }, TenancyErrorCodes.TenantMismatch },
    };

    [Fact]
    public void The_sample_is_valid_without_even_a_warning() => Validate(Samples.Compliance()).ShouldBeCleanlyValid();

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void A_broken_rule_fails_with_its_code_path_and_severity_in_English_and_Spanish(
        string scenario, Func<ComplianceSchema, ComplianceSchema> change, string code, string property, Severity severity)
    {
        var english = Validate(change(Samples.Compliance())).ShouldHaveFailure(code, property);
        var spanish = Validate(change(Samples.Compliance()), culture: "es").ShouldHaveFailure(code, property);

        english.Severity.Should().Be(severity, scenario);
        spanish.ErrorMessage.Should().NotBe(english.ErrorMessage, scenario);
    }

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void A_value_that_keeps_the_rule_passes(string scenario, Func<ComplianceSchema, ComplianceSchema> change, string code)
    {
        var result = Validate(change(Samples.Compliance()));

        result.ShouldNotHaveFailure(code);
        result.IsValid.Should().BeTrue(scenario);
    }

    [Fact]
    public void Messages_name_the_breach_and_the_delay()
    {
        var late = Samples.Compliance() with { IncidentReports = [Samples.Breach(Gdpr) with { DiscoveredAt = TestHost.Now.AddDays(-5), ReportedAt = TestHost.Now.AddDays(-5), RegulatoryNotificationsSent = [Samples.Sent(TestHost.Now.AddDays(-5).AddHours(80))] }] };

        Validate(late).ShouldHaveFailure(TenancyErrorCodes.ComplianceGdprBreachNotificationLate).ErrorMessage
            .Should().Be("GDPR breach inc-1 was notified 80 h after discovery; the limit is 72 h");
        Validate(Samples.Compliance() with { ApplicableStandards = [Gdpr, Soc2, Iso27001] }).ShouldHaveFailure(TenancyErrorCodes.ComplianceMissingControls).ErrorMessage
            .Should().Be("Missing controls for standards: soc2, iso27001");
    }

    [Fact]
    public void The_overdue_warning_follows_the_validation_clock()
    {
        var schema = Samples.Compliance() with { IncidentReports = [Samples.Breach(Gdpr) with { DiscoveredAt = TestHost.Now.AddHours(-48), ReportedAt = TestHost.Now.AddHours(-48) }] };

        Validate(schema).ShouldNotHaveFailure(TenancyErrorCodes.ComplianceGdprBreachNotificationOverdue);
        _host.Clock.Advance(TimeSpan.FromHours(25));
        _host.Validator<ComplianceSchema>().Validate(schema, new TenancyValidationContext { Tier = TenantType.Enterprise })
            .ShouldHaveFailure(TenancyErrorCodes.ComplianceGdprBreachNotificationOverdue);
    }

    [Theory]
    [InlineData(TenantType.Trial, Gdpr, false)]
    [InlineData(TenantType.Standard, Soc2, false)]
    [InlineData(TenantType.Professional, Gdpr, true)]
    [InlineData(TenantType.Professional, Soc2, true)]
    [InlineData(TenantType.Professional, Hipaa, false)]
    [InlineData(TenantType.Enterprise, Hipaa, true)]
    public void Standards_are_limited_by_tier(TenantType tier, ComplianceStandard standard, bool allowed)
    {
        var schema = Samples.Compliance() with { ApplicableStandards = [standard], Controls = [.. Enumerable.Range(0, 10).Select(i => Samples.Control($"c{i}", standard))] };

        var result = Validate(schema, tier);

        if (allowed)
        {
            result.ShouldNotHaveFailure(TenancyErrorCodes.TierComplianceNotAllowed);
        }
        else
        {
            result.ShouldHaveFailure(TenancyErrorCodes.TierComplianceNotAllowed, "ApplicableStandards[0]");
        }

        Validate(Samples.Compliance() with { ApplicableStandards = [], Controls = [] }, TenantType.Trial).ShouldNotHaveFailure(TenancyErrorCodes.TierComplianceNotAllowed);
    }

    [Fact]
    public void The_compliance_score_matches_the_spec_example()
    {
        var schema = Samples.Compliance() with
        {
            Controls =
            [
                Samples.Control("a", Gdpr) with { RiskLevel = RiskLevel.Critical, Status = ComplianceStatus.Compliant },
                Samples.Control("b", Gdpr) with { RiskLevel = RiskLevel.High, Status = ComplianceStatus.NonCompliant },
                Samples.Control("c", Gdpr) with { RiskLevel = RiskLevel.VeryLow, Status = ComplianceStatus.PendingReview },
            ],
        };

        schema.CalculateComplianceScore().Should().Be(57.5);
        (schema with { Controls = [] }).CalculateComplianceScore().Should().Be(0);
        schema.GetNonCompliantControls().Select(c => c.ControlId).Should().Equal("b");
        schema.GetHighRiskControls().Select(c => c.ControlId).Should().Equal("a", "b");
        schema.GetStandardCoverage(Gdpr).Should().BeApproximately(100.0 / 3, 1e-9);
        schema.GetStandardCoverage(Sox).Should().Be(0);
    }

    [Fact]
    public void The_report_never_throws_and_counts_what_the_spec_lists()
    {
        var schema = Samples.Compliance() with
        {
            ApplicableStandards = [Gdpr, Soc2],
            ComplianceScore = 70,
            Controls = [Samples.Control("a", Gdpr) with { Status = ComplianceStatus.NonCompliant, RiskLevel = RiskLevel.Critical }, Samples.Control("b", Gdpr, Soc2)],
            IncidentReports = [.. Enumerable.Range(0, 6).Select(i => Samples.Breach(Gdpr) with { IncidentId = $"i{i}", Severity = i == 0 ? RiskLevel.Critical : RiskLevel.Low, ResolvedAt = i < 2 ? TestHost.Now : null })],
        };

        var report = schema.GenerateComplianceReport(TestHost.Now);

        report.StandardsCoverage.Should().BeEquivalentTo(new Dictionary<ComplianceStandard, double> { [Gdpr] = 50, [Soc2] = 100 });
        report.Controls.Should().Be(new ControlSummary(2, 1, 1, 1));
        report.Incidents.Should().Be(new IncidentSummary(6, 4, 1));
        report.Recommendations.Should().Equal(
            "Address 1 non-compliant controls",
            "Improve overall compliance score (currently below 80%)",
            "Review incident management processes (high incident volume)");
        new ComplianceSchema { TenantId = "x", Name = "n", ApplicableStandards = [], ComplianceFramework = "f", ComplianceOfficer = "o" }
            .Invoking(s => s.GenerateComplianceReport(TestHost.Now)).Should().NotThrow();
    }

    public void Dispose() => _host.Dispose();
}
