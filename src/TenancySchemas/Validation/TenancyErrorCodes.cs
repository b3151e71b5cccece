namespace TenancySchemas.Validation;

/// <summary>
/// The stable error codes of TenancySchemas (<c>docs/reference/error-codes.md</c> lists each with its messages). Match on these, never on message text: messages are
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

    /// <summary><c>tenancy.json.too_many_errors</c>: More failures than the limit were found; the rest are not reported.</summary>
    public const string JsonTooManyErrors = "tenancy.json.too_many_errors";

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

    /// <summary><c>tenancy.tier.collection_interval_too_short</c>: A collection interval shorter than the tier allows.</summary>
    public const string TierCollectionIntervalTooShort = "tenancy.tier.collection_interval_too_short";

    /// <summary><c>tenancy.tier.too_many_metrics</c>: More metrics than the tier allows.</summary>
    public const string TierTooManyMetrics = "tenancy.tier.too_many_metrics";

    /// <summary><c>tenancy.tier.batch_size_exceeded</c>: A notification batch size above the tier's configured <see cref="Tiers.TierLimits.MaxBatchSize"/>.</summary>
    public const string TierBatchSizeExceeded = "tenancy.tier.batch_size_exceeded";

    /// <summary><c>tenancy.tier.sla_target_beyond_promise</c> (Warning): An SLA target better than what the tier may promise.</summary>
    public const string TierSlaTargetBeyondPromise = "tenancy.tier.sla_target_beyond_promise";

    /// <summary><c>tenancy.notification.send_window</c>: send_before not after send_after (N1).</summary>
    public const string NotificationSendWindow = "tenancy.notification.send_window";

    /// <summary><c>tenancy.notification.critical_requires_immediate_channel</c>: A critical notification without sms, phone or pagerduty (N2).</summary>
    public const string NotificationCriticalRequiresImmediateChannel = "tenancy.notification.critical_requires_immediate_channel";

    /// <summary><c>tenancy.notification.scheduled_requires_time</c>: Scheduled delivery without scheduled_at (N3).</summary>
    public const string NotificationScheduledRequiresTime = "tenancy.notification.scheduled_requires_time";

    /// <summary><c>tenancy.notification.scheduled_outside_window</c>: scheduled_at outside [send_after, send_before] (N4).</summary>
    public const string NotificationScheduledOutsideWindow = "tenancy.notification.scheduled_outside_window";

    /// <summary><c>tenancy.notification.scheduled_after_expiry</c>: scheduled_at not before expires_at (N5).</summary>
    public const string NotificationScheduledAfterExpiry = "tenancy.notification.scheduled_after_expiry";

    /// <summary><c>tenancy.notification.attempts_exceeded</c>: A delivery with more attempts than max_attempts (N8).</summary>
    public const string NotificationAttemptsExceeded = "tenancy.notification.attempts_exceeded";

    /// <summary><c>tenancy.notification.attempts_above_limit</c>: Warning: a delivery's max_attempts above the notification's limit (N9).</summary>
    public const string NotificationAttemptsAboveLimit = "tenancy.notification.attempts_above_limit";

    /// <summary><c>tenancy.notification.pii_without_encryption</c>: Warning: PII without required encryption (N10).</summary>
    public const string NotificationPiiWithoutEncryption = "tenancy.notification.pii_without_encryption";

    /// <summary><c>tenancy.notification.unknown_recipient</c>: Warning: a delivery to someone who is not a recipient (N11).</summary>
    public const string NotificationUnknownRecipient = "tenancy.notification.unknown_recipient";

    /// <summary><c>tenancy.notification.duplicate_id</c>: A repeated recipient, delivery or notification id (N12).</summary>
    public const string NotificationDuplicateId = "tenancy.notification.duplicate_id";

    /// <summary><c>tenancy.monitoring.unknown_panel_metric</c>: A panel metric that no metric defines (M1).</summary>
    public const string MonitoringUnknownPanelMetric = "tenancy.monitoring.unknown_panel_metric";

    /// <summary><c>tenancy.monitoring.unknown_rule_metric</c>: An alert rule metric that no metric defines (M2).</summary>
    public const string MonitoringUnknownRuleMetric = "tenancy.monitoring.unknown_rule_metric";

    /// <summary><c>tenancy.monitoring.unknown_default_dashboard</c>: A default dashboard that does not exist (M3).</summary>
    public const string MonitoringUnknownDefaultDashboard = "tenancy.monitoring.unknown_default_dashboard";

    /// <summary><c>tenancy.monitoring.timeout_not_below_interval</c>: A target timeout not below its scrape interval (M4).</summary>
    public const string MonitoringTimeoutNotBelowInterval = "tenancy.monitoring.timeout_not_below_interval";

    /// <summary><c>tenancy.monitoring.duplicate_id</c>: A repeated metric, dashboard, panel, target or rule id (M5).</summary>
    public const string MonitoringDuplicateId = "tenancy.monitoring.duplicate_id";

    /// <summary><c>tenancy.monitoring.invalid_threshold</c>: A threshold that does not fit its operator (M6).</summary>
    public const string MonitoringInvalidThreshold = "tenancy.monitoring.invalid_threshold";

    /// <summary><c>tenancy.monitoring.panel_position</c>: An incomplete or negative panel position (M7).</summary>
    public const string MonitoringPanelPosition = "tenancy.monitoring.panel_position";

    /// <summary><c>tenancy.monitoring.metric_name_format</c> (Warning): A metric name Prometheus would reject.</summary>
    public const string MonitoringMetricNameFormat = "tenancy.monitoring.metric_name_format";

    /// <summary><c>tenancy.monitoring.label_name_format</c> (Warning): A label name Prometheus would reject or reserves.</summary>
    public const string MonitoringLabelNameFormat = "tenancy.monitoring.label_name_format";

    /// <summary><c>tenancy.compliance.missing_controls</c>: An applicable standard without a control (C1, internal coverage policy).</summary>
    public const string ComplianceMissingControls = "tenancy.compliance.missing_controls";

    /// <summary><c>tenancy.compliance.gdpr_requires_dpo</c>: GDPR without a Data Protection Officer (C2, GDPR Art. 37).</summary>
    public const string ComplianceGdprRequiresDpo = "tenancy.compliance.gdpr_requires_dpo";

    /// <summary><c>tenancy.compliance.gdpr_requires_retention_policy</c>: GDPR without a retention policy (C3, GDPR Art. 5(1)(e), 30(1)(f)).</summary>
    public const string ComplianceGdprRequiresRetentionPolicy = "tenancy.compliance.gdpr_requires_retention_policy";

    /// <summary><c>tenancy.compliance.gdpr_breach_notification_late</c>: A GDPR breach notified after 72 h (C4, GDPR Art. 33(1)).</summary>
    public const string ComplianceGdprBreachNotificationLate = "tenancy.compliance.gdpr_breach_notification_late";

    /// <summary><c>tenancy.compliance.gdpr_breach_notification_overdue</c>: Warning: a GDPR breach unnotified after 72 h (C5, GDPR Art. 33(1)).</summary>
    public const string ComplianceGdprBreachNotificationOverdue = "tenancy.compliance.gdpr_breach_notification_overdue";

    /// <summary><c>tenancy.compliance.hipaa_breach_notification_late</c>: A HIPAA breach notified after 60 days (C6, 45 CFR 164.404(b)).</summary>
    public const string ComplianceHipaaBreachNotificationLate = "tenancy.compliance.hipaa_breach_notification_late";

    /// <summary><c>tenancy.compliance.hipaa_breach_notification_overdue</c>: Warning: a HIPAA breach unnotified after 60 days (C6, 45 CFR 164.404(b)).</summary>
    public const string ComplianceHipaaBreachNotificationOverdue = "tenancy.compliance.hipaa_breach_notification_overdue";

    /// <summary><c>tenancy.compliance.notification_without_timestamp</c>: Warning: a regulatory notification without a valid sent_at (C7).</summary>
    public const string ComplianceNotificationWithoutTimestamp = "tenancy.compliance.notification_without_timestamp";

    /// <summary><c>tenancy.compliance.hipaa_retention_too_short</c>: HIPAA documentation kept under 2190 days (C8, 45 CFR 164.316(b)(2)(i)).</summary>
    public const string ComplianceHipaaRetentionTooShort = "tenancy.compliance.hipaa_retention_too_short";

    /// <summary><c>tenancy.compliance.pii_deletion_method</c>: PII not ending in hard_delete or anonymization (C9, GDPR Art. 5(1)(e), 17).</summary>
    public const string CompliancePiiDeletionMethod = "tenancy.compliance.pii_deletion_method";

    /// <summary><c>tenancy.compliance.gdpr_dsr_deadline</c>: Data subject requests answered after more than 30 days (C10, GDPR Art. 12(3)).</summary>
    public const string ComplianceGdprDsrDeadline = "tenancy.compliance.gdpr_dsr_deadline";

    /// <summary><c>tenancy.compliance.min_controls</c>: Warning: fewer controls than a standard's minimum (C11).</summary>
    public const string ComplianceMinControls = "tenancy.compliance.min_controls";

    /// <summary><c>tenancy.compliance.unknown_control</c>: Warning: an assessment of an unknown control (C12).</summary>
    public const string ComplianceUnknownControl = "tenancy.compliance.unknown_control";

    /// <summary><c>tenancy.compliance.duplicate_id</c>: A repeated control, policy, assessment, audit or incident id (C13).</summary>
    public const string ComplianceDuplicateId = "tenancy.compliance.duplicate_id";

    /// <summary><c>tenancy.performance.inconsistent_targets</c>: A performance target that differs from its SLA's target (P1).</summary>
    public const string PerformanceInconsistentTargets = "tenancy.performance.inconsistent_targets";

    /// <summary><c>tenancy.performance.baseline_order</c>: Baseline values out of order (P2).</summary>
    public const string PerformanceBaselineOrder = "tenancy.performance.baseline_order";

    /// <summary><c>tenancy.performance.threshold_order</c>: A warning value past its critical value (P4).</summary>
    public const string PerformanceThresholdOrder = "tenancy.performance.threshold_order";

    /// <summary><c>tenancy.performance.between_bounds</c> (Warning): A <c>between</c> threshold without both of its bounds.</summary>
    public const string PerformanceBetweenBounds = "tenancy.performance.between_bounds";

    /// <summary><c>tenancy.performance.duplicate_id</c>: A repeated threshold, baseline, anomaly, trend, optimization or SLA id (P5).</summary>
    public const string PerformanceDuplicateId = "tenancy.performance.duplicate_id";

    /// <summary><c>tenancy.performance.unknown_baseline</c>: Warning: an anomaly of an unknown baseline (P6).</summary>
    public const string PerformanceUnknownBaseline = "tenancy.performance.unknown_baseline";

    /// <summary><c>tenancy.isolation.no_tenant_context</c>: Strict isolation without a current tenant: validation fails closed.</summary>
    public const string NoTenantContext = "tenancy.isolation.no_tenant_context";

    /// <summary><c>tenancy.isolation.cross_tenant_reference</c>: A document that reaches another tenant.</summary>
    public const string CrossTenantReference = "tenancy.isolation.cross_tenant_reference";

    /// <summary><c>tenancy.isolation.private_endpoint</c>: A URL that targets a loopback, private, link-local, metadata or local address, or whose host cannot be read unambiguously.</summary>
    public const string PrivateEndpoint = "tenancy.isolation.private_endpoint";

    /// <summary><c>tenancy.isolation.https_required</c>: A URL that is not https under strict isolation.</summary>
    public const string HttpsRequired = "tenancy.isolation.https_required";

    /// <summary><c>tenancy.isolation.undecryptable_value</c>: A ciphertext that is tampered or belongs to another tenant.</summary>
    public const string UndecryptableValue = "tenancy.isolation.undecryptable_value";

    /// <summary><c>tenancy.isolation.plaintext_sensitive_value</c>: A sensitive member holds plaintext where ciphertext is required.</summary>
    public const string PlaintextSensitiveValue = "tenancy.isolation.plaintext_sensitive_value";

    /// <summary><c>tenancy.rate_limit.exceeded</c>: The calling tenant has spent its tier's budget of requests for now.</summary>
    public const string RateLimitExceeded = "tenancy.rate_limit.exceeded";

    /// <summary><c>tenancy.rate_limit.unavailable</c>: The shared rate-limit store cannot be reached, and the app refuses requests until it can.</summary>
    public const string RateLimitUnavailable = "tenancy.rate_limit.unavailable";
}
