using System.Text;
using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Security;

namespace TenancySchemas.Compliance;

/// <summary>A compliance control.</summary>
public sealed record ComplianceControl
{
    /// <summary>Gets the control id, unique within the schema.</summary>
    public required string ControlId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the standards the control serves.</summary>
    public required IReadOnlyList<ComplianceStandard> Standards { get; init => field = ValueList<ComplianceStandard>.From(value); }

    /// <summary>Gets the category.</summary>
    public required string Category { get; init; }

    /// <summary>Gets the subcategory.</summary>
    public string? Subcategory { get; init; }

    /// <summary>Gets the kind of control.</summary>
    public required ControlType ControlType { get; init; }

    /// <summary>Gets the compliance status.</summary>
    public required ComplianceStatus Status { get; init; }

    /// <summary>Gets the risk level.</summary>
    public required RiskLevel RiskLevel { get; init; }

    /// <summary>Gets the requirements.</summary>
    public required IReadOnlyList<string> Requirements { get; init => field = ValueList<string>.From(value); }

    /// <summary>Gets the implementation status.</summary>
    public required ImplementationStatus ImplementationStatus { get; init; }

    /// <summary>Gets who is responsible.</summary>
    public required string ResponsibleParty { get; init; }

    /// <summary>Gets the last assessment instant.</summary>
    public DateTimeOffset? LastAssessmentDate { get; init; }

    /// <summary>Gets the next assessment instant (not before the last).</summary>
    public DateTimeOffset? NextAssessmentDate { get; init; }

    /// <summary>Gets the implementation instant.</summary>
    public DateTimeOffset? ImplementationDate { get; init; }

    /// <summary>Gets documentation URLs.</summary>
    [Isolation.Url]
    public IReadOnlyList<string> DocumentationLinks { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets evidence artifacts.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyList<string> EvidenceArtifacts { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets a value indicating whether testing is automated. The default value is <see langword="false"/>.</summary>
    public bool AutomatedTesting { get; init; }

    /// <summary>Gets the testing frequency.</summary>
    public string? TestingFrequency { get; init; }

    /// <summary>Gets the last test instant.</summary>
    public DateTimeOffset? LastTestDate { get; init; }

    /// <summary>Gets free-form test results.</summary>
    public IReadOnlyDictionary<string, JsonElement> TestResults { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets the effectiveness score (0-100).</summary>
    public double? EffectivenessScore { get; init; }

    /// <summary>Gets the maturity level (1-5).</summary>
    public int? MaturityLevel { get; init; }
}

/// <summary>How long data is kept and how it ends.</summary>
public sealed record DataRetentionPolicy
{
    /// <summary>Gets the policy id, unique within the schema.</summary>
    public required string PolicyId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the data types covered.</summary>
    public required IReadOnlyList<string> DataTypes { get; init => field = ValueList<string>.From(value); }

    /// <summary>Gets how sensitive the data is.</summary>
    public required DataClassification DataClassification { get; init; }

    /// <summary>Gets the retention in days (≥ 1).</summary>
    public required int RetentionPeriodDays { get; init; }

    /// <summary>Gets a value indicating whether data is deleted automatically. The default value is <see langword="true"/>.</summary>
    public bool AutoDeletionEnabled { get; init; } = true;

    /// <summary>Gets how data ends; PII must end in hard deletion or anonymization.</summary>
    public required DeletionMethod DeletionMethod { get; init; }

    /// <summary>Gets a value indicating whether legal holds do not apply. The default value is <see langword="false"/>.</summary>
    public bool LegalHoldExemption { get; init; }

    /// <summary>Gets the standards the policy serves.</summary>
    public required IReadOnlyList<ComplianceStandard> ApplicableStandards { get; init => field = ValueList<ComplianceStandard>.From(value); }

    /// <summary>Gets a value indicating whether the data holds personal data. The default value is <see langword="false"/>.</summary>
    public bool ContainsPii { get; init; }

    /// <summary>Gets a value indicating whether the data holds protected health information. The default value is <see langword="false"/>.</summary>
    public bool ContainsPhi { get; init; }

    /// <summary>Gets the legal bases.</summary>
    public IReadOnlyList<string> LegalBasis { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets who created the policy.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Gets who approved the policy.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>Gets when the policy took effect.</summary>
    public required DateTimeOffset EffectiveDate { get; init; }

    /// <summary>Gets when the policy is reviewed (not before it took effect).</summary>
    public required DateTimeOffset ReviewDate { get; init; }
}

/// <summary>One audited action.</summary>
public sealed record AuditTrail
{
    /// <summary>Gets the audit id. The default value is a new GUID.</summary>
    public string AuditId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset Timestamp { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets who acted.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the tenant, which must be the schema's.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the action.</summary>
    public required string Action { get; init; }

    /// <summary>Gets the resource type.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Gets the resource id.</summary>
    public required string ResourceId { get; init; }

    /// <summary>Gets the session id.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the client IP address (personal data, sensitive).</summary>
    [Sensitive]
    public string? IpAddress { get; init; }

    /// <summary>Gets the user agent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Gets the state before.</summary>
    public IReadOnlyDictionary<string, JsonElement>? BeforeState { get; init => field = value is null ? null : ValueMap<JsonElement>.From(value); }

    /// <summary>Gets the state after.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AfterState { get; init => field = value is null ? null : ValueMap<JsonElement>.From(value); }

    /// <summary>Gets the changes.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Changes { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets whether the action succeeded.</summary>
    public required bool Success { get; init; }

    /// <summary>Gets the error message.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Gets the risk score (0-100).</summary>
    public double? RiskScore { get; init; }

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets the source system.</summary>
    public string? SourceSystem { get; init; }

    /// <summary>Gets a value indicating whether the action matters for compliance. The default value is <see langword="true"/>.</summary>
    public bool ComplianceRelevant { get; init; } = true;

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}

/// <summary>An assessment of controls.</summary>
public sealed record ComplianceAssessment
{
    /// <summary>Gets the assessment id. The default value is a new GUID.</summary>
    public string AssessmentId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the tenant, which must be the schema's.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the standards assessed.</summary>
    public required IReadOnlyList<ComplianceStandard> Standards { get; init => field = ValueList<ComplianceStandard>.From(value); }

    /// <summary>Gets the scope.</summary>
    public required IReadOnlyList<string> Scope { get; init => field = ValueList<string>.From(value); }

    /// <summary>Gets the kind of assessment.</summary>
    public required AuditType AssessmentType { get; init; }

    /// <summary>Gets the methodology.</summary>
    public required string Methodology { get; init; }

    /// <summary>Gets the assessor.</summary>
    public required string Assessor { get; init; }

    /// <summary>Gets when it started.</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>Gets when it ended (not before it started).</summary>
    public required DateTimeOffset EndDate { get; init; }

    /// <summary>Gets the ids of the controls evaluated; each should be a control of the schema.</summary>
    public required IReadOnlyList<string> ControlsEvaluated { get; init => field = ValueList<string>.From(value); }

    /// <summary>Gets free-form findings.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Findings { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets the overall status.</summary>
    public required ComplianceStatus OverallStatus { get; init; }

    /// <summary>Gets the overall score (0-100).</summary>
    public required double OverallScore { get; init; }

    /// <summary>Gets free-form action items.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> ActionItems { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets the remediation deadline.</summary>
    public DateTimeOffset? RemediationDeadline { get; init; }

    /// <summary>Gets the report URL.</summary>
    [Isolation.Url]
    public string? ReportUrl { get; init; }

    /// <summary>Gets evidence documents.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyList<string> EvidenceDocuments { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
}

/// <summary>A security or compliance incident.</summary>
public sealed record IncidentReport
{
    /// <summary>Gets the incident id. The default value is a new GUID.</summary>
    public string IncidentId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the description.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the kind of incident.</summary>
    public required IncidentType IncidentType { get; init; }

    /// <summary>Gets the severity.</summary>
    public required RiskLevel Severity { get; init; }

    /// <summary>Gets the standards affected; GDPR and HIPAA breaches have notification deadlines.</summary>
    public required IReadOnlyList<ComplianceStandard> AffectedStandards { get; init => field = ValueList<ComplianceStandard>.From(value); }

    /// <summary>Gets when it was discovered.</summary>
    public required DateTimeOffset DiscoveredAt { get; init; }

    /// <summary>Gets when it occurred (not after discovery).</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Gets when it was reported (not before discovery). The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset ReportedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets when it was resolved (not before discovery).</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets the number of affected users (≥ 0).</summary>
    public int? AffectedUsers { get; init; }

    /// <summary>Gets the number of affected records (≥ 0).</summary>
    public int? AffectedRecords { get; init; }

    /// <summary>Gets the data types affected.</summary>
    public IReadOnlyList<string> DataTypesAffected { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the business impact.</summary>
    public string? BusinessImpact { get; init; }

    /// <summary>Gets who reported it.</summary>
    public required string ReportedBy { get; init; }

    /// <summary>Gets who handles it.</summary>
    public required string AssignedTo { get; init; }

    /// <summary>Gets containment actions.</summary>
    public IReadOnlyList<string> ContainmentActions { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets remediation actions.</summary>
    public IReadOnlyList<string> RemediationActions { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets preventive measures.</summary>
    public IReadOnlyList<string> PreventiveMeasures { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets a value indicating whether a regulator must be notified. The default value is <see langword="false"/>.</summary>
    public bool RegulatoryNotificationRequired { get; init; }

    /// <summary>Gets a value indicating whether customers must be notified. The default value is <see langword="false"/>.</summary>
    public bool CustomerNotificationRequired { get; init; }

    /// <summary>Gets the regulatory notifications sent; each entry's <c>sent_at</c> (an ISO-8601 timestamp with offset) is its time.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> RegulatoryNotificationsSent { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets a value indicating whether the DPO was notified. The default value is <see langword="false"/>.</summary>
    public bool DpoNotified { get; init; }
}
