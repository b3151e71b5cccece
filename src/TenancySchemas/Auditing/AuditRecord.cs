namespace TenancySchemas.Auditing;

/// <summary>
/// One validation audit record as written to the log: what was validated, for which caller, with what outcome, and
/// its place in the chain. It holds error codes and paths, never document values.
/// </summary>
public sealed record AuditRecord
{
    private string _mac = string.Empty;

    /// <summary>Gets the event id.</summary>
    public required string EventId { get; init; }

    /// <summary>Gets the instant, in UTC round-trip form.</summary>
    public required string Timestamp { get; init; }

    /// <summary>Gets the caller's tenant id (the tenant context), or <c>unknown</c>.</summary>
    public required string TenantId { get; init; }

    /// <summary>
    /// Gets the tenant id the document claims when it differs from <see cref="TenantId"/>; otherwise
    /// <see langword="null"/>.
    /// </summary>
    public string? ClaimedTenantId { get; init; }

    /// <summary>Gets the tier whose rules applied, or <c>unknown</c>.</summary>
    public required string Tier { get; init; }

    /// <summary>Gets the schema name, such as <c>tenant_config</c>.</summary>
    public required string Schema { get; init; }

    /// <summary>Gets the schema version.</summary>
    public required string SchemaVersion { get; init; }

    /// <summary>Gets the outcome: <c>valid</c>, <c>invalid</c> or <c>rejected</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Gets the error codes of the failures, in order.</summary>
    public required IReadOnlyList<string> ErrorCodes { get; init; }

    /// <summary>Gets the property paths of the failures, in order, with map keys replaced by <c>*</c>.</summary>
    public required IReadOnlyList<string> ErrorPaths { get; init; }

    /// <summary>Gets the rule sets that ran.</summary>
    public required IReadOnlyList<string> RuleSets { get; init; }

    /// <summary>Gets the isolation level in force.</summary>
    public required string IsolationLevel { get; init; }

    /// <summary>Gets how long the validation took, in milliseconds.</summary>
    public required double DurationMs { get; init; }

    /// <summary>Gets the correlation id (the current activity's trace id), if any.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets the id of the chain this record belongs to (one per writer, that is per process).</summary>
    public required string ChainId { get; init; }

    /// <summary>Gets the record's position in its chain, from 1 without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the id of the key that authenticates the chain, or <see langword="null"/> for an unauthenticated (plain SHA-256) chain.</summary>
    public string? KeyId { get; init; }

    /// <summary>Gets the MAC of the previous record of the chain (64 zeros for the first).</summary>
    public required string PreviousMac { get; init; }

    /// <summary>
    /// Gets the HMAC-SHA256, with the chain's key, over <see cref="PreviousMac"/> and this record's canonical fields
    /// (plain SHA-256 for an unauthenticated chain).
    /// </summary>
    public required string Mac
    {
        get => _mac;
        init => _mac = value;
    }

    /// <summary>Sets the MAC of a record the writer has just built (computed over the record's other fields).</summary>
    internal void SetMac(string mac) => _mac = mac;
}
