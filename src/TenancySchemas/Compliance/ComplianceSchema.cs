using System.Text;
using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Security;

namespace TenancySchemas.Compliance;

/// <summary>A tenant's compliance programme (<c>docs/reference/compliance.md</c>): controls, retention policies, assessments, audit trails and incidents.</summary>
public sealed record ComplianceSchema : Schemas.ITenancyDocument
{
    /// <summary>Gets the compliance id. The default value is a new GUID.</summary>
    public string ComplianceId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the owning tenant's id.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the standards that apply (may be empty; limited by tier).</summary>
    public required IReadOnlyList<ComplianceStandard> ApplicableStandards { get; init => field = ValueList<ComplianceStandard>.From(value); }

    /// <summary>Gets the framework.</summary>
    public required string ComplianceFramework { get; init; }

    /// <summary>Gets certification targets.</summary>
    public IReadOnlyList<string> CertificationTargets { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets a value indicating whether the programme is on. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets a value indicating whether it is monitored. The default value is <see langword="true"/>.</summary>
    public bool MonitoringEnabled { get; init; } = true;

    /// <summary>Gets a value indicating whether reports are automated. The default value is <see langword="true"/>.</summary>
    public bool AutomatedReporting { get; init; } = true;

    /// <summary>Gets the controls.</summary>
    public IReadOnlyList<ComplianceControl> Controls { get; init => field = ValueList<ComplianceControl>.From(value); } = ValueList<ComplianceControl>.Empty;

    /// <summary>Gets how often controls are tested. The default value is <c>quarterly</c>.</summary>
    public string ControlTestingFrequency { get; init; } = "quarterly";

    /// <summary>Gets the retention policies.</summary>
    public IReadOnlyList<DataRetentionPolicy> DataRetentionPolicies { get; init => field = ValueList<DataRetentionPolicy>.From(value); } = ValueList<DataRetentionPolicy>.Empty;

    /// <summary>Gets free-form privacy policies; <c>dsr_response_days</c> is checked under GDPR.</summary>
    public IReadOnlyDictionary<string, JsonElement> PrivacyPolicies { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form security policies.</summary>
    public IReadOnlyDictionary<string, JsonElement> SecurityPolicies { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets the assessments.</summary>
    public IReadOnlyList<ComplianceAssessment> Assessments { get; init => field = ValueList<ComplianceAssessment>.From(value); } = ValueList<ComplianceAssessment>.Empty;

    /// <summary>Gets the last assessment instant.</summary>
    public DateTimeOffset? LastAssessmentDate { get; init; }

    /// <summary>Gets the next assessment instant (not before the last).</summary>
    public DateTimeOffset? NextAssessmentDate { get; init; }

    /// <summary>Gets the audit trails.</summary>
    public IReadOnlyList<AuditTrail> AuditTrails { get; init => field = ValueList<AuditTrail>.From(value); } = ValueList<AuditTrail>.Empty;

    /// <summary>Gets the incident reports.</summary>
    public IReadOnlyList<IncidentReport> IncidentReports { get; init => field = ValueList<IncidentReport>.From(value); } = ValueList<IncidentReport>.Empty;

    /// <summary>Gets how often compliance is reported. The default value is <see cref="ReportingFrequency.Monthly"/>.</summary>
    public ReportingFrequency ReportingFrequency { get; init; } = ReportingFrequency.Monthly;

    /// <summary>Gets the e-mail addresses reports go to (sensitive).</summary>
    [Sensitive]
    public IReadOnlyList<string> ReportDistribution { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the stored compliance score (0-100). The default value is 0.</summary>
    public double ComplianceScore { get; init; }

    /// <summary>Gets the risk score (0-100). The default value is 0.</summary>
    public double RiskScore { get; init; }

    /// <summary>Gets the maturity level (1-5). The default value is 1.</summary>
    public int MaturityLevel { get; init; } = 1;

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the last update instant.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the compliance officer.</summary>
    public required string ComplianceOfficer { get; init; }

    /// <summary>Gets the Data Protection Officer (required under GDPR).</summary>
    public string? DataProtectionOfficer { get; init; }

    /// <summary>Gets the security officer.</summary>
    public string? SecurityOfficer { get; init; }

    /// <summary>Gets stakeholders.</summary>
    public IReadOnlyList<string> Stakeholders { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the risk tolerance. The default value is <see cref="RiskLevel.Medium"/>.</summary>
    public RiskLevel RiskTolerance { get; init; } = RiskLevel.Medium;

    /// <summary>Gets the automation level. The default value is <see cref="Compliance.AutomationLevel.Medium"/>.</summary>
    public AutomationLevel AutomationLevel { get; init; } = AutomationLevel.Medium;

    /// <summary>Gets integration endpoint URLs by name.</summary>
    [Isolation.Url]
    public IReadOnlyDictionary<string, string> IntegrationEndpoints { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>
    /// Scores the controls: Σ(weight × status score) / Σ weight, weights by risk (critical 5 … very_low 1), status
    /// scores compliant and not_applicable 100, pending_review 75, partial 50, in_progress 25, others 0; 0 without controls.
    /// </summary>
    /// <returns>The score, independent of the stored <see cref="ComplianceScore"/>.</returns>
    public double CalculateComplianceScore()
    {
        double weighted = 0, weights = 0;
        foreach (var control in Controls.Where(c => c is not null))
        {
            var weight = control.RiskLevel switch
            {
                RiskLevel.Critical => 5,
                RiskLevel.High => 4,
                RiskLevel.Medium => 3,
                RiskLevel.Low => 2,
                _ => 1,
            };
            weighted += weight * control.Status switch
            {
                ComplianceStatus.Compliant or ComplianceStatus.NotApplicable => 100,
                ComplianceStatus.PendingReview => 75,
                ComplianceStatus.Partial => 50,
                ComplianceStatus.InProgress => 25,
                _ => 0,
            };
            weights += weight;
        }

        return weights == 0 ? 0 : weighted / weights;
    }

    /// <summary>Gets the controls whose status is non-compliant.</summary>
    /// <returns>The controls.</returns>
    public IReadOnlyList<ComplianceControl> GetNonCompliantControls() =>
        ValueList<ComplianceControl>.From(Controls.Where(c => c?.Status == ComplianceStatus.NonCompliant));

    /// <summary>Gets the controls whose risk is high or critical.</summary>
    /// <returns>The controls.</returns>
    public IReadOnlyList<ComplianceControl> GetHighRiskControls() =>
        ValueList<ComplianceControl>.From(Controls.Where(c => c?.RiskLevel is RiskLevel.High or RiskLevel.Critical));

    /// <summary>Gets 100 × compliant controls / controls covering a standard; 0 when none covers it.</summary>
    /// <param name="standard">The standard.</param>
    /// <returns>The coverage in percent.</returns>
    public double GetStandardCoverage(ComplianceStandard standard)
    {
        var covering = Controls.Where(c => c?.Standards.Contains(standard) == true).ToList();
        return covering.Count == 0 ? 0 : 100.0 * covering.Count(c => c.Status == ComplianceStatus.Compliant) / covering.Count;
    }

    /// <summary>Recommends next steps: fix non-compliant controls, raise a score below 80 %, review incident handling after more than 5 incidents in 30 days.</summary>
    /// <param name="now">The instant; <see langword="null"/> for the system clock.</param>
    /// <returns>The recommendations.</returns>
    public IReadOnlyList<string> GenerateRecommendations(DateTimeOffset? now = null)
    {
        var recommendations = new List<string>();
        var nonCompliant = GetNonCompliantControls().Count;
        if (nonCompliant > 0)
        {
            recommendations.Add($"Address {nonCompliant} non-compliant controls");
        }

        if (ComplianceScore < 80)
        {
            recommendations.Add("Improve overall compliance score (currently below 80%)");
        }

        var since = (now ?? TimeProvider.System.GetUtcNow()).AddDays(-30);
        if (IncidentReports.Count(i => i is not null && i.ReportedAt >= since) > 5)
        {
            recommendations.Add("Review incident management processes (high incident volume)");
        }

        return ValueList<string>.From(recommendations);
    }

    /// <summary>Summarizes the programme. Never throws.</summary>
    /// <param name="now">The report instant; <see langword="null"/> for the system clock.</param>
    /// <returns>The report.</returns>
    public ComplianceReport GenerateComplianceReport(DateTimeOffset? now = null)
    {
        var at = now ?? TimeProvider.System.GetUtcNow();
        var incidents = IncidentReports.Where(i => i is not null).ToList();
        return new ComplianceReport(
            TenantId,
            at,
            ComplianceScore,
            RiskScore,
            MaturityLevel,
            ApplicableStandards.Distinct().ToDictionary(s => s, GetStandardCoverage),
            new ControlSummary(Controls.Count(c => c is not null), Controls.Count(c => c?.Status == ComplianceStatus.Compliant), GetNonCompliantControls().Count, GetHighRiskControls().Count),
            new IncidentSummary(incidents.Count, incidents.Count(i => i.ResolvedAt is null), incidents.Count(i => i.Severity is RiskLevel.High or RiskLevel.Critical)),
            GenerateRecommendations(at));
    }

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}

/// <summary>The result of <see cref="ComplianceSchema.GenerateComplianceReport"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ReportDate">The report instant.</param>
/// <param name="OverallScore">The stored compliance score.</param>
/// <param name="RiskScore">The risk score.</param>
/// <param name="MaturityLevel">The maturity level.</param>
/// <param name="StandardsCoverage">The coverage of each applicable standard, in percent.</param>
/// <param name="Controls">Control counts.</param>
/// <param name="Incidents">Incident counts.</param>
/// <param name="Recommendations">The recommendations.</param>
public sealed record ComplianceReport(
    string TenantId,
    DateTimeOffset ReportDate,
    double OverallScore,
    double RiskScore,
    int MaturityLevel,
    IReadOnlyDictionary<ComplianceStandard, double> StandardsCoverage,
    ControlSummary Controls,
    IncidentSummary Incidents,
    IReadOnlyList<string> Recommendations);

/// <summary>Control counts of a compliance report.</summary>
/// <param name="Total">All controls.</param>
/// <param name="Compliant">Compliant controls.</param>
/// <param name="NonCompliant">Non-compliant controls.</param>
/// <param name="HighRisk">High- and critical-risk controls.</param>
public sealed record ControlSummary(int Total, int Compliant, int NonCompliant, int HighRisk);

/// <summary>Incident counts of a compliance report.</summary>
/// <param name="Total">All incidents.</param>
/// <param name="Open">Incidents without a resolution instant.</param>
/// <param name="HighSeverity">High- and critical-severity incidents.</param>
public sealed record IncidentSummary(int Total, int Open, int HighSeverity);
