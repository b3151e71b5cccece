namespace TenancySchemas.Auditing;

/// <summary>
/// Audit settings, as <see cref="TenancySchemaOptions.Audit"/>, bindable from configuration. Audit records go to the
/// <c>Serilog.ILogger</c> registered in the container (<c>services.AddSingleton&lt;Serilog.ILogger&gt;(logger)</c>);
/// without one they are dropped and the health check reports Degraded. The key that authenticates the chain is not
/// a setting: register an <see cref="AuditKey"/> in the container (<c>services.AddSingleton(AuditKey.FromBytes(secret))</c>).
/// </summary>
public sealed class AuditOptions
{
    /// <summary>Gets or sets a value indicating whether every validation writes an audit record. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

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
