namespace TenancySchemas.Auditing;

/// <summary>The property names of audit records, checkpoints and probes in the log, shared by the writer and the verifier.</summary>
internal static class AuditFieldNames
{
    public const string SourceContext = "TenancySchemas.Audit";

    public const string EventId = "AuditEventId";
    public const string Timestamp = "AuditTimestamp";
    public const string TenantId = "TenantId";
    public const string ClaimedTenantId = "ClaimedTenantId";
    public const string Tier = "Tier";
    public const string Schema = "Schema";
    public const string SchemaVersion = "SchemaVersion";
    public const string Outcome = "Outcome";
    public const string ErrorCodes = "ErrorCodes";
    public const string ErrorPaths = "ErrorPaths";
    public const string RuleSets = "RuleSets";
    public const string IsolationLevel = "IsolationLevel";
    public const string DurationMs = "DurationMs";
    public const string CorrelationId = "CorrelationId";
    public const string ChainId = "ChainId";
    public const string Sequence = "Sequence";
    public const string KeyId = "KeyId";
    public const string PreviousMac = "PreviousMac";
    public const string Mac = "Mac";

    public const string HeadMac = "HeadMac";
    public const string CheckpointTimestamp = "CheckpointTimestamp";
    public const string Final = "Final";
    public const string CheckpointMac = "CheckpointMac";

    public const string Probe = "AuditProbe";
}
