namespace TenancySchemas.Validation;

/// <summary>
/// The stable error codes of TenancySchemas (spec §6). Match on these, never on message text: messages are
/// localized and may be reworded.
/// </summary>
public static class TenancyErrorCodes
{
    /// <summary><c>tenancy.json.malformed</c>: The document is not valid JSON.</summary>
    public const string JsonMalformed = "tenancy.json.malformed";

    /// <summary><c>tenancy.json.document_too_large</c>: The document is larger than the configured limit.</summary>
    public const string JsonDocumentTooLarge = "tenancy.json.document_too_large";

    /// <summary><c>tenancy.json.too_deep</c>: The document nests deeper than the configured limit.</summary>
    public const string JsonTooDeep = "tenancy.json.too_deep";

    /// <summary><c>tenancy.json.unknown_member</c>: A member that the schema does not define.</summary>
    public const string JsonUnknownMember = "tenancy.json.unknown_member";

    /// <summary><c>tenancy.json.missing_member</c>: A required member is missing.</summary>
    public const string JsonMissingMember = "tenancy.json.missing_member";

    /// <summary><c>tenancy.json.null_not_allowed</c>: A member that must not be null is null.</summary>
    public const string JsonNullNotAllowed = "tenancy.json.null_not_allowed";

    /// <summary><c>tenancy.json.invalid_kind</c>: A value of the wrong JSON kind (no coercion between strings, numbers and booleans).</summary>
    public const string JsonInvalidKind = "tenancy.json.invalid_kind";

    /// <summary><c>tenancy.json.unknown_enum_value</c>: A string that is not one of the enumeration's wire values.</summary>
    public const string JsonUnknownEnumValue = "tenancy.json.unknown_enum_value";

    /// <summary><c>tenancy.json.timestamp_offset</c>: A timestamp without a UTC offset, or not ISO-8601.</summary>
    public const string JsonTimestampOffset = "tenancy.json.timestamp_offset";

    /// <summary><c>tenancy.json.feature_conflict</c>: A quota given in both the object form of features and in quotas, with different values.</summary>
    public const string JsonFeatureConflict = "tenancy.json.feature_conflict";

    /// <summary><c>tenancy.common.tenant_id_format</c>: A tenant id that is not 3-64 letters, digits, '_' or '-' starting with a letter or digit.</summary>
    public const string TenantIdFormat = "tenancy.common.tenant_id_format";

    /// <summary><c>tenancy.common.invalid_email</c>: An invalid email address.</summary>
    public const string InvalidEmail = "tenancy.common.invalid_email";

    /// <summary><c>tenancy.common.invalid_phone</c>: A phone number that is not valid E.164.</summary>
    public const string InvalidPhone = "tenancy.common.invalid_phone";

    /// <summary><c>tenancy.common.invalid_time_zone</c>: A time zone that is not a known IANA id.</summary>
    public const string InvalidTimeZone = "tenancy.common.invalid_time_zone";

    /// <summary><c>tenancy.common.invalid_locale</c>: A malformed locale.</summary>
    public const string InvalidLocale = "tenancy.common.invalid_locale";

    /// <summary><c>tenancy.common.invalid_url</c>: A URL that is not absolute http or https with a host.</summary>
    public const string InvalidUrl = "tenancy.common.invalid_url";

    /// <summary><c>tenancy.common.invalid_ip</c>: An invalid IP address.</summary>
    public const string InvalidIp = "tenancy.common.invalid_ip";

    /// <summary><c>tenancy.common.invalid_ip_or_cidr</c>: An invalid IP address or CIDR range.</summary>
    public const string InvalidIpOrCidr = "tenancy.common.invalid_ip_or_cidr";

    /// <summary><c>tenancy.common.expires_before_created</c>: expires_at is not after created_at.</summary>
    public const string ExpiresBeforeCreated = "tenancy.common.expires_before_created";

    /// <summary><c>tenancy.common.timestamp_order</c>: Two timestamps in the wrong order.</summary>
    public const string TimestampOrder = "tenancy.common.timestamp_order";

    /// <summary><c>tenancy.isolation.tenant_mismatch</c>: A tenant id that differs from the expected tenant.</summary>
    public const string TenantMismatch = "tenancy.isolation.tenant_mismatch";

    /// <summary><c>tenancy.tier.unknown</c>: No tier could be found, so the tier rules could not run.</summary>
    public const string TierUnknown = "tenancy.tier.unknown";

    /// <summary><c>tenancy.tier.quota_exceeded</c>: A quota above the tier's maximum.</summary>
    public const string TierQuotaExceeded = "tenancy.tier.quota_exceeded";

    /// <summary><c>tenancy.tier.sla_uptime_not_allowed</c>: An uptime promise above the tier's best.</summary>
    public const string TierSlaUptimeNotAllowed = "tenancy.tier.sla_uptime_not_allowed";

    /// <summary><c>tenancy.tier.sla_response_not_allowed</c>: A response-time promise faster than the tier's best.</summary>
    public const string TierSlaResponseNotAllowed = "tenancy.tier.sla_response_not_allowed";

    /// <summary><c>tenancy.tier.sla_support_not_allowed</c>: A support-response promise faster than the tier's best.</summary>
    public const string TierSlaSupportNotAllowed = "tenancy.tier.sla_support_not_allowed";

    /// <summary><c>tenancy.tier.feature_not_allowed</c>: A feature the tier does not include.</summary>
    public const string TierFeatureNotAllowed = "tenancy.tier.feature_not_allowed";

    /// <summary><c>tenancy.tier.compliance_not_allowed</c>: A compliance level or standard the tier does not include.</summary>
    public const string TierComplianceNotAllowed = "tenancy.tier.compliance_not_allowed";

    /// <summary><c>tenancy.tier.retention_exceeded</c>: A retention above the tier's maximum.</summary>
    public const string TierRetentionExceeded = "tenancy.tier.retention_exceeded";

    /// <summary><c>tenancy.tier.webhook_not_allowed</c>: A webhook URL on a tier without webhooks.</summary>
    public const string TierWebhookNotAllowed = "tenancy.tier.webhook_not_allowed";

    /// <summary><c>tenancy.compliance.hipaa_requires_mfa</c>: HIPAA without MFA (45 CFR 164.312(d)).</summary>
    public const string HipaaRequiresMfa = "tenancy.compliance.hipaa_requires_mfa";

    /// <summary><c>tenancy.compliance.pci_requires_strong_encryption</c>: PCI DSS without AES-256 or ChaCha20-Poly1305 (PCI DSS v4.0 Req. 3.5.1, 4.2.1).</summary>
    public const string PciRequiresStrongEncryption = "tenancy.compliance.pci_requires_strong_encryption";

    /// <summary><c>tenancy.compliance.soc2_audit_retention</c>: SOC 2 with audit retention under 365 days (AICPA TSC CC4.1, CC7.2).</summary>
    public const string Soc2AuditRetention = "tenancy.compliance.soc2_audit_retention";

    /// <summary><c>tenancy.tier.channel_not_allowed</c>: A channel the tier does not include.</summary>
    public const string TierChannelNotAllowed = "tenancy.tier.channel_not_allowed";

    /// <summary><c>tenancy.tier.too_many_conditions</c>: More alert conditions than the tier allows.</summary>
    public const string TierTooManyConditions = "tenancy.tier.too_many_conditions";

    /// <summary><c>tenancy.tier.too_many_recipients</c>: More recipients than the tier allows.</summary>
    public const string TierTooManyRecipients = "tenancy.tier.too_many_recipients";

    /// <summary><c>tenancy.tier.too_many_escalations</c>: More escalation steps than the tier allows.</summary>
    public const string TierTooManyEscalations = "tenancy.tier.too_many_escalations";

    /// <summary><c>tenancy.tier.ml_not_allowed</c>: An ML prediction on a tier without ML.</summary>
    public const string TierMlNotAllowed = "tenancy.tier.ml_not_allowed";

    /// <summary><c>tenancy.tier.auto_mitigation_not_allowed</c>: Automatic mitigation on a tier without ML.</summary>
    public const string TierAutoMitigationNotAllowed = "tenancy.tier.auto_mitigation_not_allowed";

    /// <summary><c>tenancy.alert.escalation_order</c>: Escalation levels not strictly ascending (A1).</summary>
    public const string AlertEscalationOrder = "tenancy.alert.escalation_order";

    /// <summary><c>tenancy.alert.critical_requires_escalation</c>: A critical alert without escalation (A2).</summary>
    public const string AlertCriticalRequiresEscalation = "tenancy.alert.critical_requires_escalation";

    /// <summary><c>tenancy.alert.threshold_not_numeric</c>: gt, gte, lt or lte with a non-numeric threshold (A4).</summary>
    public const string AlertThresholdNotNumeric = "tenancy.alert.threshold_not_numeric";

    /// <summary><c>tenancy.alert.invalid_day</c>: A day of the week outside 0 (Monday) to 6 (Sunday) (A5).</summary>
    public const string AlertInvalidDay = "tenancy.alert.invalid_day";

    /// <summary><c>tenancy.alert.suppression_window_incomplete</c>: Only one of start_time and end_time (A6).</summary>
    public const string AlertSuppressionWindowIncomplete = "tenancy.alert.suppression_window_incomplete";

    /// <summary><c>tenancy.warning.urgent_escalation_threshold</c>: An urgent warning escalating after more than 4 hours (W1).</summary>
    public const string WarningUrgentEscalationThreshold = "tenancy.warning.urgent_escalation_threshold";

    /// <summary><c>tenancy.warning.severity_probability_mismatch</c>: An urgent or high warning with a very low escalation probability (W2).</summary>
    public const string WarningSeverityProbabilityMismatch = "tenancy.warning.severity_probability_mismatch";
}
