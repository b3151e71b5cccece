namespace TenancySchemas.Auditing;

/// <summary>What broke an audit log.</summary>
public enum AuditBreakKind
{
    /// <summary>A record's or checkpoint's content does not match its MAC, or a record does not match the checkpoint that covers it.</summary>
    Modified,

    /// <summary>Records are missing: the sequence jumps.</summary>
    Deleted,

    /// <summary>A record that does not belong at its place was added (a forged record, a copy, a record after the chain was closed).</summary>
    Inserted,

    /// <summary>Records or checkpoints appear out of sequence order.</summary>
    Reordered,

    /// <summary>A line from the audit source could not be read as a record or checkpoint (a missing, duplicate or mistyped field).</summary>
    Unreadable,

    /// <summary>A chain ends without its final checkpoint, or before a checkpoint held by the checkpoint store: its end was cut.</summary>
    Truncated,

    /// <summary>A chain starts again after it was seen: a copy of the chain, or of an older log, was added.</summary>
    Replayed,

    /// <summary>A chain the checkpoint store knows is missing from the log.</summary>
    Dropped,

    /// <summary>A chain was made up: none of its entries authenticates with the key, or the checkpoint store does not know it.</summary>
    Fabricated,

    /// <summary>A chain is authenticated with a key that was not given to the verifier (or no key was given).</summary>
    WrongKey,

    /// <summary>A key was given but a chain carries no key id: it was written without a key, or rewritten by someone without it.</summary>
    Unauthenticated,

    /// <summary>The log holds no audit record.</summary>
    Empty,
}

/// <summary>One problem <see cref="AuditChainVerifier"/> found.</summary>
public sealed record AuditBreak
{
    /// <summary>Gets what kind of problem it is.</summary>
    public required AuditBreakKind Kind { get; init; }

    /// <summary>Gets the chain, if the problem is in one.</summary>
    public string? ChainId { get; init; }

    /// <summary>Gets the sequence number of the first record concerned, if known.</summary>
    public long? Sequence { get; init; }

    /// <summary>Gets the 1-based line of the log where it shows, if it shows at a line.</summary>
    public long? Line { get; init; }

    /// <summary>Gets a one-line description in English.</summary>
    public required string Description { get; init; }
}

/// <summary>What <see cref="AuditChainVerifier"/> checks beyond the chains themselves.</summary>
public sealed class AuditVerificationOptions
{
    /// <summary>
    /// Gets the keys the chains may be authenticated with (several when the key was rotated between runs; each chain
    /// names its key by id). With at least one key, a chain without a key id is a break. The default is none: keyed
    /// chains cannot be verified, and plain SHA-256 chains are verified but reported as unauthenticated.
    /// </summary>
    public IReadOnlyCollection<AuditKey> Keys { get; init; } = [];

    /// <summary>
    /// Gets the checkpoints kept outside the log (<see cref="IAuditCheckpointStore"/>), or <see langword="null"/>
    /// when there are none. With them, a chain cut before its latest stored checkpoint, a chain missing from the log
    /// and a chain the store does not know are breaks, and records up to each stored checkpoint are pinned even
    /// without a key.
    /// </summary>
    public IEnumerable<AuditCheckpoint>? Checkpoints { get; init; }

    /// <summary>
    /// Gets a value indicating whether a chain may end without its final checkpoint, as the chain of a running
    /// process does. The default value is <see langword="false"/>: such a chain is <see cref="AuditBreakKind.Truncated"/>,
    /// since cutting the end of a log looks the same.
    /// </summary>
    public bool AllowOpenChains { get; init; }
}

/// <summary>The outcome of <see cref="AuditChainVerifier"/>: whether the log is intact, and every problem found (the first 100 listed).</summary>
public sealed record AuditVerificationResult
{
    /// <summary>Gets a value indicating whether no problem was found.</summary>
    public required bool IsIntact { get; init; }

    /// <summary>
    /// Gets a value indicating whether every chain was verified with a key. A plain SHA-256 chain can be recomputed by
    /// anyone who can edit the log, so an intact but unauthenticated log shows only edits that were not recomputed.
    /// </summary>
    public required bool IsAuthenticated { get; init; }

    /// <summary>Gets how many audit records were read.</summary>
    public required long Records { get; init; }

    /// <summary>Gets how many checkpoints were read from the log.</summary>
    public required long Checkpoints { get; init; }

    /// <summary>Gets how many chains were seen.</summary>
    public required int Chains { get; init; }

    /// <summary>Gets how many chains end without their final checkpoint.</summary>
    public required int OpenChains { get; init; }

    /// <summary>Gets how many non-empty lines were not audit records or checkpoints (other events of a shared log, probes, text) and were skipped.</summary>
    public required long SkippedLines { get; init; }

    /// <summary>Gets how many problems were found in all (<see cref="Breaks"/> lists the first 100).</summary>
    public required long BreakCount { get; init; }

    /// <summary>
    /// Gets the first 100 problems in the order of the log (problems without a line last): as many as
    /// <see cref="BreakCount"/> up to 100, never empty when the log is not intact. A chain none of whose entries
    /// authenticates with its key is one <see cref="AuditBreakKind.Fabricated"/> problem, not one per entry.
    /// </summary>
    public required IReadOnlyList<AuditBreak> Breaks { get; init; }

    /// <summary>Gets the first problem, if any.</summary>
    public AuditBreak? FirstBreak => Breaks.Count > 0 ? Breaks[0] : null;
}
