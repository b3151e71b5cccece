namespace TenancySchemas.Auditing;

/// <summary>
/// Keeps audit checkpoints outside the audit log (a database table, write-once storage, another host), so that a
/// verifier can tell a log cut after its last checkpoint, or a chain dropped or made up, from the real one. Register
/// one in the container (<c>services.AddSingleton&lt;IAuditCheckpointStore, MyStore&gt;()</c>); the writer finds it.
/// </summary>
/// <remarks>
/// <see cref="Save"/> is called under the audit writer's lock, on a validating thread, on a timer thread or at
/// shutdown: keep it short (hand the checkpoint to a queue if the store is remote). An exception propagates to the
/// validation (or disposal) that caused the checkpoint and is reported by the health check until a later checkpoint
/// is stored; a checkpoint due on the timer is reported by the health check only. Only the latest checkpoint of each
/// chain is needed to verify; older ones may be kept or replaced.
/// </remarks>
public interface IAuditCheckpointStore
{
    /// <summary>Stores a checkpoint.</summary>
    /// <param name="checkpoint">The checkpoint, already written to the audit log.</param>
    void Save(AuditCheckpoint checkpoint);
}
