namespace TenancySchemas.Auditing;

/// <summary>
/// Where audit records, checkpoints and health probes go: the one seam every audit event passes through. The writer
/// calls it under its lock, in chain order. A sink that cannot write throws (fail-closed); the default is
/// <see cref="SerilogAuditSink"/>.
/// </summary>
internal interface IAuditSink
{
    /// <summary>
    /// Gets why events cannot reach a log, or <see langword="null"/> when they can: no logger is configured (events
    /// would be dropped silently), or the logger filters out the level audit events are written at.
    /// </summary>
    AuditSinkProblem? Problem { get; }

    /// <summary>Writes a record of the chain.</summary>
    void Write(AuditRecord record, DateTimeOffset timestamp);

    /// <summary>Writes a checkpoint of the chain.</summary>
    void Write(AuditCheckpoint checkpoint, DateTimeOffset timestamp);

    /// <summary>Writes a health probe: the same level, source and path as records, marked as a probe, outside the chain.</summary>
    void WriteProbe(DateTimeOffset timestamp);
}

/// <summary>Why a sink cannot deliver audit events.</summary>
/// <param name="IsMissing">Whether no log is configured at all (rather than one that refuses audit events).</param>
/// <param name="Description">What is wrong and what to do, for the health check.</param>
internal sealed record AuditSinkProblem(bool IsMissing, string Description);
