using System.Text;
using System.Text.Json;

namespace TenancySchemas.Auditing;

/// <summary>
/// A checkpoint of an audit chain: the chain's head (its last record's sequence number and MAC) at an instant,
/// authenticated with the chain's key. The writer emits one every <see cref="AuditOptions.CheckpointInterval"/>
/// records or <see cref="AuditOptions.CheckpointPeriod"/>, and a final one at shutdown, into the log and to the
/// <see cref="IAuditCheckpointStore"/>.
/// </summary>
public sealed record AuditCheckpoint
{
    /// <summary>Gets the id of the chain.</summary>
    public required string ChainId { get; init; }

    /// <summary>Gets the sequence number of the chain's last record when the checkpoint was taken.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the MAC of that record.</summary>
    public required string HeadMac { get; init; }

    /// <summary>Gets the instant of the checkpoint, in UTC round-trip form.</summary>
    public required string Timestamp { get; init; }

    /// <summary>Gets the id of the key that authenticates the chain, or <see langword="null"/> for an unauthenticated chain.</summary>
    public string? KeyId { get; init; }

    /// <summary>Gets a value indicating whether the writer closed the chain with this checkpoint (at shutdown): no record follows it.</summary>
    public required bool IsFinal { get; init; }

    /// <summary>Gets the checkpoint's own MAC, over its other fields.</summary>
    public required string Mac { get; init; }

    /// <summary>
    /// Writes the checkpoint as one line of JSON, with the property names of the checkpoint events in the log
    /// (<c>ChainId</c>, <c>Sequence</c>, <c>HeadMac</c>, <c>CheckpointTimestamp</c>, <c>KeyId</c>, <c>Final</c>,
    /// <c>CheckpointMac</c>), the form <see cref="AuditChainVerifier.ReadCheckpoints"/> reads back.
    /// </summary>
    /// <returns>The JSON object, without a line break.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(AuditFieldNames.ChainId, ChainId);
            writer.WriteNumber(AuditFieldNames.Sequence, Sequence);
            writer.WriteString(AuditFieldNames.HeadMac, HeadMac);
            writer.WriteString(AuditFieldNames.CheckpointTimestamp, Timestamp);
            if (KeyId is not null)
            {
                writer.WriteString(AuditFieldNames.KeyId, KeyId);
            }

            writer.WriteBoolean(AuditFieldNames.Final, IsFinal);
            writer.WriteString(AuditFieldNames.CheckpointMac, Mac);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
