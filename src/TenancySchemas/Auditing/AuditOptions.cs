namespace TenancySchemas.Auditing;

/// <summary>
/// Audit settings, as <see cref="TenancySchemaOptions.Audit"/>. Audit events go to the <c>Serilog.ILogger</c>
/// registered in the container (<c>services.AddSingleton&lt;Serilog.ILogger&gt;(logger)</c>); without one they are
/// dropped and the health check reports Degraded.
/// </summary>
public sealed class AuditOptions
{
    /// <summary>Gets or sets a value indicating whether every validation writes an audit record. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the key that authenticates the chain with HMAC-SHA256. The default value is <see langword="null"/>:
    /// the chain is plain SHA-256, which anyone who can edit the log can recompute, and the verifier reports it as
    /// unauthenticated. Set it in code from a secret store; it cannot be bound from configuration.
    /// </summary>
    public AuditKey? Key { get; set; }

    /// <summary>
    /// Gets or sets after how many records the writer emits a checkpoint (and hands it to the registered
    /// <see cref="IAuditCheckpointStore"/>). The default value is 1,000; 0 turns the count off.
    /// </summary>
    public int CheckpointInterval { get; set; } = 1000;

    /// <summary>
    /// Gets or sets the longest time a written record stays without a checkpoint after it. The default value is 10
    /// seconds; <see cref="TimeSpan.Zero"/> turns the timer off. Checkpoints are also written at shutdown.
    /// </summary>
    public TimeSpan CheckpointPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
