namespace TenancySchemas.Auditing;

/// <summary>What broke an audit chain.</summary>
public enum AuditBreakKind
{
    /// <summary>A record's content does not match its hash.</summary>
    Modified,

    /// <summary>A record is missing: the sequence jumps.</summary>
    Deleted,

    /// <summary>A record that does not belong to the chain was added.</summary>
    Inserted,

    /// <summary>Records appear out of sequence order.</summary>
    Reordered,

    /// <summary>A line could not be read as an audit record.</summary>
    Unreadable,
}

/// <summary>The outcome of <see cref="AuditChainVerifier"/>: the chain is intact, or where and how it first broke.</summary>
public sealed record AuditVerificationResult
{
    /// <summary>Gets a value indicating whether every chain is intact.</summary>
    public required bool IsIntact { get; init; }

    /// <summary>Gets how many audit records were read.</summary>
    public required int Records { get; init; }

    /// <summary>Gets how many chains were seen.</summary>
    public required int Chains { get; init; }

    /// <summary>Gets the chain that broke first, if any.</summary>
    public string? BrokenChainId { get; init; }

    /// <summary>Gets the sequence number where the chain first broke, if any.</summary>
    public long? BrokenSequence { get; init; }

    /// <summary>Gets how the chain first broke, if it did.</summary>
    public AuditBreakKind? Kind { get; init; }

    /// <summary>Gets the 1-based position of the offending record in the input, if any.</summary>
    public int? Position { get; init; }
}
