using System.Globalization;
using System.Text.Json;
using FluentValidation;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Compliance;

/// <summary>
/// The rules (<c>docs/reference/compliance.md</c>) for <see cref="ComplianceSchema"/>: field rules, C1-C15 (each citing its regulation),
/// then one rule set per tier. Time-dependent rules read "now" from the validation context.
/// </summary>
internal sealed class ComplianceValidator : FamilyValidator<ComplianceSchema>
{
    private static readonly (ComplianceStandard Standard, int Minimum)[] MinimumControls =
        [(ComplianceStandard.Gdpr, 5), (ComplianceStandard.Soc2, 3), (ComplianceStandard.Hipaa, 4), (ComplianceStandard.Iso27001, 10)];

    private static readonly TimeSpan GdprBreachDeadline = TimeSpan.FromHours(72);
    private static readonly TimeSpan HipaaBreachDeadline = TimeSpan.FromDays(60);
    private const int HipaaRetentionDays = 2190;
    private const int GdprDsrDays = 30;

    public ComplianceValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.ComplianceId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.ComplianceFramework).NotEmpty();
        RuleFor(x => x.ComplianceOfficer).NotEmpty();
        RuleForEach(x => x.ApplicableStandards).DefinedEnum();
        RuleForEach(x => x.Controls).NotNull().SetValidator(new ComplianceControlValidator());
        RuleForEach(x => x.DataRetentionPolicies).NotNull().SetValidator(new DataRetentionPolicyValidator());
        RuleForEach(x => x.Assessments).NotNull().SetValidator(new ComplianceAssessmentValidator());
        RuleForEach(x => x.AuditTrails).NotNull().SetValidator(new AuditTrailValidator());
        RuleForEach(x => x.IncidentReports).NotNull().SetValidator(new IncidentReportValidator());
        RuleFor(x => x.ReportingFrequency).DefinedEnum();
        RuleForEach(x => x.ReportDistribution).NotEmpty().Email();
        RuleFor(x => x.ComplianceScore).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.RiskScore).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.MaturityLevel).InclusiveBetween(1, 5);
        RuleFor(x => x.RiskTolerance).DefinedEnum();
        RuleFor(x => x.AutomationLevel).DefinedEnum();
        RuleFor(x => x.ControlTestingFrequency).NotNull();
        RuleFor(x => x.IntegrationEndpoints).HttpUrlValues("IntegrationEndpoints", "integration_endpoints");

        // C14 at the schema level.
        this.NotBefore(x => x.NextAssessmentDate, x => x.LastAssessmentDate, "next_assessment_date", "last_assessment_date");
        this.NotBefore(x => x.UpdatedAt, x => x.CreatedAt, "updated_at", "created_at");

        RuleFor(x => x).Reports([TenancyErrorCodes.ComplianceMissingControls, TenancyErrorCodes.ComplianceMinControls], CheckCoverage);
        RuleFor(x => x).Reports(
            [TenancyErrorCodes.ComplianceGdprRequiresDpo, TenancyErrorCodes.ComplianceGdprRequiresRetentionPolicy, TenancyErrorCodes.ComplianceGdprDsrDeadline],
            (schema, report) => CheckGdprProgramme(schema, report, schema.ApplicableStandards.Contains(ComplianceStandard.Gdpr)));
        RuleFor(x => x).Reports([TenancyErrorCodes.TimestampOrder, TenancyErrorCodes.ComplianceHipaaRetentionTooShort, TenancyErrorCodes.CompliancePiiDeletionMethod], CheckPolicies);
        RuleFor(x => x).Reports(
            [
                TenancyErrorCodes.TimestampOrder,
                TenancyErrorCodes.ComplianceNotificationWithoutTimestamp,
                TenancyErrorCodes.ComplianceGdprBreachNotificationLate,
                TenancyErrorCodes.ComplianceGdprBreachNotificationOverdue,
                TenancyErrorCodes.ComplianceHipaaBreachNotificationLate,
                TenancyErrorCodes.ComplianceHipaaBreachNotificationOverdue,
            ],
            (schema, report) => CheckIncidents(schema, report, Now(report.Context)));
        RuleFor(x => x).Reports([TenancyErrorCodes.ComplianceUnknownControl, TenancyErrorCodes.TimestampOrder, TenancyErrorCodes.TenantMismatch], CheckAssessments);
        RuleFor(x => x).Reports(TenancyErrorCodes.TenantMismatch, CheckAuditTrails);
        RuleFor(x => x).Reports(TenancyErrorCodes.ComplianceDuplicateId, CheckDuplicates);

        TierRuleSets(tier =>
            RuleForEach(x => x.ApplicableStandards)
                .Satisfies(standard => Limits(tier).AllowedCompliance.Contains(standard.ToWireOrNumber()))
                .WithTenancyError(TenancyErrorCodes.TierComplianceNotAllowed, (_, standard) => MessageArgs.Of(("Level", standard.ToWireOrNumber()), ("Tier", TierName(tier))))
                .WithTierSchema(TierSchemaHint.Allowed(l => l.AllowedCompliance))
                );
    }

    // C1 (internal coverage policy) and C11 (internal guideline).
    private static void CheckCoverage(ComplianceSchema schema, FailureReport<ComplianceSchema> report)
    {
        int Covering(ComplianceStandard standard) => schema.Controls.Count(c => c?.Standards.Contains(standard) == true);

        var missing = schema.ApplicableStandards.Distinct().Where(s => Covering(s) == 0).Order().Select(s => s.ToWireOrNumber()).ToList();
        if (missing.Count > 0)
        {
            report.Add("ApplicableStandards", TenancyErrorCodes.ComplianceMissingControls, MessageArgs.Of(("Standards", string.Join(", ", missing))));
        }

        foreach (var (standard, minimum) in MinimumControls)
        {
            var count = Covering(standard);
            if (schema.ApplicableStandards.Contains(standard) && count < minimum)
            {
                report.Add("Controls", TenancyErrorCodes.ComplianceMinControls,
                    MessageArgs.Of(("Standard", standard.ToWire()), ("Minimum", minimum), ("Count", count)), Severity.Warning);
            }
        }
    }

    // C2 (GDPR Art. 37), C3 (Art. 5(1)(e), 30(1)(f)), C10 (Art. 12(3)).
    private static void CheckGdprProgramme(ComplianceSchema schema, FailureReport<ComplianceSchema> report, bool gdpr)
    {
        if (!gdpr)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(schema.DataProtectionOfficer))
        {
            report.Add("DataProtectionOfficer", TenancyErrorCodes.ComplianceGdprRequiresDpo, MessageArgs.None);
        }

        if (schema.DataRetentionPolicies.Count == 0)
        {
            report.Add("DataRetentionPolicies", TenancyErrorCodes.ComplianceGdprRequiresRetentionPolicy, MessageArgs.None);
        }

        if (schema.PrivacyPolicies.TryGetValue("dsr_response_days", out var days) &&
            !(days.ValueKind == JsonValueKind.Number && days.TryGetDouble(out var value) && value <= GdprDsrDays))
        {
            report.Add("PrivacyPolicies[dsr_response_days]", TenancyErrorCodes.ComplianceGdprDsrDeadline,
                MessageArgs.Of(("Days", MessageValue.Quote(days.ValueKind == JsonValueKind.String ? days.GetString()! : days.GetRawText()))));
        }
    }

    // C8 (45 CFR 164.316(b)(2)(i)), C9 (GDPR Art. 5(1)(e), 17, Recital 26), C14.
    private static void CheckPolicies(ComplianceSchema schema, FailureReport<ComplianceSchema> report)
    {
        var hipaaApplies = schema.ApplicableStandards.Contains(ComplianceStandard.Hipaa);
        for (var i = 0; i < schema.DataRetentionPolicies.Count; i++)
        {
            var policy = schema.DataRetentionPolicies[i];
            if (policy is null)
            {
                continue;
            }

            var hipaa = policy.ApplicableStandards.Contains(ComplianceStandard.Hipaa) || (policy.ContainsPhi && hipaaApplies);
            if (hipaa && policy.RetentionPeriodDays < HipaaRetentionDays)
            {
                report.Add($"DataRetentionPolicies[{i}].RetentionPeriodDays", TenancyErrorCodes.ComplianceHipaaRetentionTooShort,
                    MessageArgs.Of(("PolicyId", MessageValue.Quote(policy.PolicyId ?? string.Empty)), ("Days", policy.RetentionPeriodDays)));
            }

            if (policy.ContainsPii && policy.DeletionMethod is not (DeletionMethod.HardDelete or DeletionMethod.Anonymization))
            {
                report.Add($"DataRetentionPolicies[{i}].DeletionMethod", TenancyErrorCodes.CompliancePiiDeletionMethod,
                    MessageArgs.Of(("PolicyId", MessageValue.Quote(policy.PolicyId ?? string.Empty))));
            }

            report.CheckOrder(policy.ReviewDate, policy.EffectiveDate, $"data_retention_policies[{i}].review_date", $"data_retention_policies[{i}].effective_date", $"DataRetentionPolicies[{i}].ReviewDate");
        }
    }

    // C4, C5 (GDPR Art. 33(1)), C6 (45 CFR 164.404(b)), C7, C14.
    private static void CheckIncidents(ComplianceSchema schema, FailureReport<ComplianceSchema> report, DateTimeOffset now)
    {
        for (var i = 0; i < schema.IncidentReports.Count; i++)
        {
            var incident = schema.IncidentReports[i];
            if (incident is null)
            {
                continue;
            }

            var at = $"incident_reports[{i}].";
            report.CheckOrder(incident.DiscoveredAt, incident.OccurredAt, at + "discovered_at", at + "occurred_at", $"IncidentReports[{i}].DiscoveredAt");
            report.CheckOrder(incident.ReportedAt, incident.DiscoveredAt, at + "reported_at", at + "discovered_at", $"IncidentReports[{i}].ReportedAt");
            report.CheckOrder(incident.ResolvedAt, incident.DiscoveredAt, at + "resolved_at", at + "discovered_at", $"IncidentReports[{i}].ResolvedAt");

            DateTimeOffset? earliest = null;
            for (var n = 0; n < incident.RegulatoryNotificationsSent.Count; n++)
            {
                if (SentAt(incident.RegulatoryNotificationsSent[n]) is { } sent)
                {
                    earliest = earliest is null || sent < earliest ? sent : earliest;
                }
                else
                {
                    report.Add($"IncidentReports[{i}].RegulatoryNotificationsSent[{n}]", TenancyErrorCodes.ComplianceNotificationWithoutTimestamp,
                        MessageArgs.Of(("Index", n)), Severity.Warning);
                }
            }

            if (incident.IncidentType != IncidentType.DataBreach || !incident.RegulatoryNotificationRequired)
            {
                continue;
            }

            var id = MessageValue.Quote(incident.IncidentId ?? string.Empty);
            if (incident.AffectedStandards.Contains(ComplianceStandard.Gdpr))
            {
                if (earliest is { } sent && sent - incident.DiscoveredAt > GdprBreachDeadline)
                {
                    report.Add($"IncidentReports[{i}].RegulatoryNotificationsSent", TenancyErrorCodes.ComplianceGdprBreachNotificationLate,
                        MessageArgs.Of(("IncidentId", id), ("Hours", Math.Round((sent - incident.DiscoveredAt).TotalHours, 1))));
                }
                else if (earliest is null && now - incident.DiscoveredAt > GdprBreachDeadline)
                {
                    report.Add($"IncidentReports[{i}].RegulatoryNotificationsSent", TenancyErrorCodes.ComplianceGdprBreachNotificationOverdue,
                        MessageArgs.Of(("IncidentId", id)), Severity.Warning);
                }
            }

            if (incident.AffectedStandards.Contains(ComplianceStandard.Hipaa))
            {
                if (earliest is { } sent && sent - incident.DiscoveredAt > HipaaBreachDeadline)
                {
                    report.Add($"IncidentReports[{i}].RegulatoryNotificationsSent", TenancyErrorCodes.ComplianceHipaaBreachNotificationLate,
                        MessageArgs.Of(("IncidentId", id), ("Days", Math.Round((sent - incident.DiscoveredAt).TotalDays, 1))));
                }
                else if (earliest is null && now - incident.DiscoveredAt > HipaaBreachDeadline)
                {
                    report.Add($"IncidentReports[{i}].RegulatoryNotificationsSent", TenancyErrorCodes.ComplianceHipaaBreachNotificationOverdue,
                        MessageArgs.Of(("IncidentId", id)), Severity.Warning);
                }
            }
        }
    }

    private static DateTimeOffset? SentAt(IReadOnlyDictionary<string, JsonElement>? notification) =>
        notification is not null && notification.TryGetValue("sent_at", out var value) && value.ValueKind == JsonValueKind.String &&
        WireTimestamp.TryParse(value.GetString()!, out var sent) ? sent : null;

    // C12, C14, C15.
    private static void CheckAssessments(ComplianceSchema schema, FailureReport<ComplianceSchema> report)
    {
        var controlIds = schema.Controls.Where(c => c is not null).Select(c => c.ControlId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < schema.Assessments.Count; i++)
        {
            var assessment = schema.Assessments[i];
            if (assessment is null)
            {
                continue;
            }

            for (var c = 0; c < assessment.ControlsEvaluated.Count; c++)
            {
                if (assessment.ControlsEvaluated[c] is { } controlId && !controlIds.Contains(controlId))
                {
                    report.Add($"Assessments[{i}].ControlsEvaluated[{c}]", TenancyErrorCodes.ComplianceUnknownControl,
                        MessageArgs.Of(("ControlId", MessageValue.Quote(controlId))), Severity.Warning);
                }
            }

            report.CheckOrder(assessment.EndDate, assessment.StartDate, $"assessments[{i}].end_date", $"assessments[{i}].start_date", $"Assessments[{i}].EndDate");
            NestedTenant(schema, report, assessment.TenantId, $"Assessments[{i}].TenantId", $"assessments[{i}].tenant_id");
        }

        for (var i = 0; i < schema.Controls.Count; i++)
        {
            if (schema.Controls[i] is { } control)
            {
                report.CheckOrder(control.NextAssessmentDate, control.LastAssessmentDate, $"controls[{i}].next_assessment_date", $"controls[{i}].last_assessment_date", $"Controls[{i}].NextAssessmentDate");
            }
        }
    }

    private static void CheckAuditTrails(ComplianceSchema schema, FailureReport<ComplianceSchema> report)
    {
        for (var i = 0; i < schema.AuditTrails.Count; i++)
        {
            if (schema.AuditTrails[i] is { } trail)
            {
                NestedTenant(schema, report, trail.TenantId, $"AuditTrails[{i}].TenantId", $"audit_trails[{i}].tenant_id");
            }
        }
    }

    private static void NestedTenant(ComplianceSchema schema, FailureReport<ComplianceSchema> report, string? tenantId, string path, string wirePath)
    {
        if (tenantId is not null && schema.TenantId is not null && !string.Equals(tenantId, schema.TenantId, StringComparison.Ordinal))
        {
            report.Add(path, TenancyErrorCodes.TenantMismatch, MessageArgs.Of(
                ("PropertyName", wirePath), ("TenantId", MessageValue.Quote(tenantId)), ("ExpectedTenantId", MessageValue.Quote(schema.TenantId))));
        }
    }

    // C13.
    private static void CheckDuplicates(ComplianceSchema schema, FailureReport<ComplianceSchema> report)
    {
        report.ReportDuplicates(schema.Controls, x => x.ControlId, i => $"Controls[{i}].ControlId", "control_id", TenancyErrorCodes.ComplianceDuplicateId);
        report.ReportDuplicates(schema.DataRetentionPolicies, x => x.PolicyId, i => $"DataRetentionPolicies[{i}].PolicyId", "policy_id", TenancyErrorCodes.ComplianceDuplicateId);
        report.ReportDuplicates(schema.Assessments, x => x.AssessmentId, i => $"Assessments[{i}].AssessmentId", "assessment_id", TenancyErrorCodes.ComplianceDuplicateId);
        report.ReportDuplicates(schema.AuditTrails, x => x.AuditId, i => $"AuditTrails[{i}].AuditId", "audit_id", TenancyErrorCodes.ComplianceDuplicateId);
        report.ReportDuplicates(schema.IncidentReports, x => x.IncidentId, i => $"IncidentReports[{i}].IncidentId", "incident_id", TenancyErrorCodes.ComplianceDuplicateId);
    }
}

internal sealed class ComplianceControlValidator : AbstractValidator<ComplianceControl>
{
    public ComplianceControlValidator()
    {
        RuleFor(x => x.ControlId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.Description).NotEmpty();
        RuleForEach(x => x.Standards).DefinedEnum();
        RuleFor(x => x.Category).NotEmpty();
        RuleFor(x => x.ControlType).DefinedEnum();
        RuleFor(x => x.Status).DefinedEnum();
        RuleFor(x => x.RiskLevel).DefinedEnum();
        RuleFor(x => x.ImplementationStatus).DefinedEnum();
        RuleFor(x => x.ResponsibleParty).NotEmpty();
        RuleForEach(x => x.DocumentationLinks).NotEmpty().HttpUrl();
        RuleFor(x => x.EffectivenessScore).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.MaturityLevel).InclusiveBetween(1, 5);
    }
}

internal sealed class DataRetentionPolicyValidator : AbstractValidator<DataRetentionPolicy>
{
    public DataRetentionPolicyValidator()
    {
        RuleFor(x => x.PolicyId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.DataClassification).DefinedEnum();
        RuleFor(x => x.RetentionPeriodDays).GreaterThanOrEqualTo(1);
        RuleFor(x => x.DeletionMethod).DefinedEnum();
        RuleForEach(x => x.ApplicableStandards).DefinedEnum();
        RuleFor(x => x.CreatedBy).NotEmpty();
    }
}

internal sealed class AuditTrailValidator : AbstractValidator<AuditTrail>
{
    public AuditTrailValidator()
    {
        RuleFor(x => x.AuditId).NotEmpty();
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.Action).NotEmpty();
        RuleFor(x => x.ResourceType).NotEmpty();
        RuleFor(x => x.ResourceId).NotEmpty();
        RuleFor(x => x.IpAddress).IpAddress();
        RuleFor(x => x.RiskScore).InclusiveBetween(0.0, 100.0);
    }
}

internal sealed class ComplianceAssessmentValidator : AbstractValidator<ComplianceAssessment>
{
    public ComplianceAssessmentValidator()
    {
        RuleFor(x => x.AssessmentId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.Description).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleForEach(x => x.Standards).DefinedEnum();
        RuleFor(x => x.AssessmentType).DefinedEnum();
        RuleFor(x => x.Methodology).NotEmpty();
        RuleFor(x => x.Assessor).NotEmpty();
        RuleFor(x => x.OverallStatus).DefinedEnum();
        RuleFor(x => x.OverallScore).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.ReportUrl).HttpUrl();
    }
}

internal sealed class IncidentReportValidator : AbstractValidator<IncidentReport>
{
    public IncidentReportValidator()
    {
        RuleFor(x => x.IncidentId).NotEmpty();
        RuleFor(x => x.Title).NotEmpty();
        RuleFor(x => x.Description).NotEmpty();
        RuleFor(x => x.IncidentType).DefinedEnum();
        RuleFor(x => x.Severity).DefinedEnum();
        RuleForEach(x => x.AffectedStandards).DefinedEnum();
        RuleFor(x => x.AffectedUsers).GreaterThanOrEqualTo(0);
        RuleFor(x => x.AffectedRecords).GreaterThanOrEqualTo(0);
        RuleFor(x => x.ReportedBy).NotEmpty();
        RuleFor(x => x.AssignedTo).NotEmpty();
    }
}
