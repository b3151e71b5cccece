using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Compliance;

/// <summary>A compliance standard. Distinct from the tenant family's <c>ComplianceLevel</c>: it has no <c>basic</c>.</summary>
[JsonConverter(typeof(WireEnumConverter<ComplianceStandard>))]
public enum ComplianceStandard
{
    /// <summary>Wire value <c>gdpr</c>.</summary>
    [JsonStringEnumMemberName("gdpr")]
    Gdpr,

    /// <summary>Wire value <c>hipaa</c>.</summary>
    [JsonStringEnumMemberName("hipaa")]
    Hipaa,

    /// <summary>Wire value <c>soc2</c>.</summary>
    [JsonStringEnumMemberName("soc2")]
    Soc2,

    /// <summary>Wire value <c>iso27001</c>.</summary>
    [JsonStringEnumMemberName("iso27001")]
    Iso27001,

    /// <summary>Wire value <c>pci_dss</c>.</summary>
    [JsonStringEnumMemberName("pci_dss")]
    PciDss,

    /// <summary>Wire value <c>ccpa</c>.</summary>
    [JsonStringEnumMemberName("ccpa")]
    Ccpa,

    /// <summary>Wire value <c>sox</c>.</summary>
    [JsonStringEnumMemberName("sox")]
    Sox,

    /// <summary>Wire value <c>fisma</c>.</summary>
    [JsonStringEnumMemberName("fisma")]
    Fisma,

    /// <summary>Wire value <c>nist</c>.</summary>
    [JsonStringEnumMemberName("nist")]
    Nist,

    /// <summary>Wire value <c>csf</c>.</summary>
    [JsonStringEnumMemberName("csf")]
    Csf,
}

/// <summary>How far a control complies.</summary>
[JsonConverter(typeof(WireEnumConverter<ComplianceStatus>))]
public enum ComplianceStatus
{
    /// <summary>Wire value <c>compliant</c>.</summary>
    [JsonStringEnumMemberName("compliant")]
    Compliant,

    /// <summary>Wire value <c>non_compliant</c>.</summary>
    [JsonStringEnumMemberName("non_compliant")]
    NonCompliant,

    /// <summary>Wire value <c>partial</c>.</summary>
    [JsonStringEnumMemberName("partial")]
    Partial,

    /// <summary>Wire value <c>pending_review</c>.</summary>
    [JsonStringEnumMemberName("pending_review")]
    PendingReview,

    /// <summary>Wire value <c>in_progress</c>.</summary>
    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    /// <summary>Wire value <c>not_applicable</c>.</summary>
    [JsonStringEnumMemberName("not_applicable")]
    NotApplicable,

    /// <summary>Wire value <c>unknown</c>.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>A level of risk.</summary>
[JsonConverter(typeof(WireEnumConverter<RiskLevel>))]
public enum RiskLevel
{
    /// <summary>Wire value <c>very_low</c>.</summary>
    [JsonStringEnumMemberName("very_low")]
    VeryLow,

    /// <summary>Wire value <c>low</c>.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Wire value <c>medium</c>.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>Wire value <c>high</c>.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Wire value <c>critical</c>.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,
}

/// <summary>How sensitive data is.</summary>
[JsonConverter(typeof(WireEnumConverter<DataClassification>))]
public enum DataClassification
{
    /// <summary>Wire value <c>public</c>.</summary>
    [JsonStringEnumMemberName("public")]
    Public,

    /// <summary>Wire value <c>internal</c>.</summary>
    [JsonStringEnumMemberName("internal")]
    Internal,

    /// <summary>Wire value <c>confidential</c>.</summary>
    [JsonStringEnumMemberName("confidential")]
    Confidential,

    /// <summary>Wire value <c>restricted</c>.</summary>
    [JsonStringEnumMemberName("restricted")]
    Restricted,

    /// <summary>Wire value <c>top_secret</c>.</summary>
    [JsonStringEnumMemberName("top_secret")]
    TopSecret,
}

/// <summary>The kind of an assessment.</summary>
[JsonConverter(typeof(WireEnumConverter<AuditType>))]
public enum AuditType
{
    /// <summary>Wire value <c>internal</c>.</summary>
    [JsonStringEnumMemberName("internal")]
    Internal,

    /// <summary>Wire value <c>external</c>.</summary>
    [JsonStringEnumMemberName("external")]
    External,

    /// <summary>Wire value <c>self_assessment</c>.</summary>
    [JsonStringEnumMemberName("self_assessment")]
    SelfAssessment,

    /// <summary>Wire value <c>certification</c>.</summary>
    [JsonStringEnumMemberName("certification")]
    Certification,

    /// <summary>Wire value <c>penetration_test</c>.</summary>
    [JsonStringEnumMemberName("penetration_test")]
    PenetrationTest,

    /// <summary>Wire value <c>vulnerability_scan</c>.</summary>
    [JsonStringEnumMemberName("vulnerability_scan")]
    VulnerabilityScan,
}

/// <summary>The kind of a control.</summary>
[JsonConverter(typeof(WireEnumConverter<ControlType>))]
public enum ControlType
{
    /// <summary>Wire value <c>preventive</c>.</summary>
    [JsonStringEnumMemberName("preventive")]
    Preventive,

    /// <summary>Wire value <c>detective</c>.</summary>
    [JsonStringEnumMemberName("detective")]
    Detective,

    /// <summary>Wire value <c>corrective</c>.</summary>
    [JsonStringEnumMemberName("corrective")]
    Corrective,

    /// <summary>Wire value <c>compensating</c>.</summary>
    [JsonStringEnumMemberName("compensating")]
    Compensating,

    /// <summary>Wire value <c>directive</c>.</summary>
    [JsonStringEnumMemberName("directive")]
    Directive,
}

/// <summary>How far a control is implemented.</summary>
[JsonConverter(typeof(WireEnumConverter<ImplementationStatus>))]
public enum ImplementationStatus
{
    /// <summary>Wire value <c>not_started</c>.</summary>
    [JsonStringEnumMemberName("not_started")]
    NotStarted,

    /// <summary>Wire value <c>in_progress</c>.</summary>
    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    /// <summary>Wire value <c>implemented</c>.</summary>
    [JsonStringEnumMemberName("implemented")]
    Implemented,

    /// <summary>Wire value <c>verified</c>.</summary>
    [JsonStringEnumMemberName("verified")]
    Verified,
}

/// <summary>How data ends at the end of its retention.</summary>
[JsonConverter(typeof(WireEnumConverter<DeletionMethod>))]
public enum DeletionMethod
{
    /// <summary>Wire value <c>soft_delete</c>.</summary>
    [JsonStringEnumMemberName("soft_delete")]
    SoftDelete,

    /// <summary>Wire value <c>hard_delete</c>.</summary>
    [JsonStringEnumMemberName("hard_delete")]
    HardDelete,

    /// <summary>Wire value <c>anonymization</c>.</summary>
    [JsonStringEnumMemberName("anonymization")]
    Anonymization,

    /// <summary>Wire value <c>encryption</c>.</summary>
    [JsonStringEnumMemberName("encryption")]
    Encryption,
}

/// <summary>The kind of an incident.</summary>
[JsonConverter(typeof(WireEnumConverter<IncidentType>))]
public enum IncidentType
{
    /// <summary>Wire value <c>data_breach</c>.</summary>
    [JsonStringEnumMemberName("data_breach")]
    DataBreach,

    /// <summary>Wire value <c>unauthorized_access</c>.</summary>
    [JsonStringEnumMemberName("unauthorized_access")]
    UnauthorizedAccess,

    /// <summary>Wire value <c>system_failure</c>.</summary>
    [JsonStringEnumMemberName("system_failure")]
    SystemFailure,

    /// <summary>Wire value <c>policy_violation</c>.</summary>
    [JsonStringEnumMemberName("policy_violation")]
    PolicyViolation,
}

/// <summary>How often compliance is reported.</summary>
[JsonConverter(typeof(WireEnumConverter<ReportingFrequency>))]
public enum ReportingFrequency
{
    /// <summary>Wire value <c>daily</c>.</summary>
    [JsonStringEnumMemberName("daily")]
    Daily,

    /// <summary>Wire value <c>weekly</c>.</summary>
    [JsonStringEnumMemberName("weekly")]
    Weekly,

    /// <summary>Wire value <c>monthly</c>.</summary>
    [JsonStringEnumMemberName("monthly")]
    Monthly,

    /// <summary>Wire value <c>quarterly</c>.</summary>
    [JsonStringEnumMemberName("quarterly")]
    Quarterly,

    /// <summary>Wire value <c>yearly</c>.</summary>
    [JsonStringEnumMemberName("yearly")]
    Yearly,
}

/// <summary>How automated compliance is.</summary>
[JsonConverter(typeof(WireEnumConverter<AutomationLevel>))]
public enum AutomationLevel
{
    /// <summary>Wire value <c>low</c>.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Wire value <c>medium</c>.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>Wire value <c>high</c>.</summary>
    [JsonStringEnumMemberName("high")]
    High,
}
