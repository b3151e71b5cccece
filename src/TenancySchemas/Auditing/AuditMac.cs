using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TenancySchemas.Auditing;

/// <summary>
/// Computes the MACs of records and checkpoints over their canonical form: HMAC-SHA256 with the chain's key, or plain
/// SHA-256 without one. One instance per writer or verifier, used under its lock (it reuses one hashing context and
/// one buffer: creating an OpenSSL context per record costs more than hashing the record).
/// </summary>
/// <remarks>
/// The canonical form is a type label, then every field as a 4-byte big-endian length and its UTF-8 bytes (an absent
/// optional field has the length <c>0xFFFFFFFF</c> and no bytes; a list is its 4-byte item count, then its items).
/// Lengths make the form unambiguous whatever characters a field holds (a claimed tenant id comes from the document).
/// </remarks>
internal sealed class AuditMac : IDisposable
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly byte[] RecordLabel = "tenancy-audit-record/2"u8.ToArray();
    private static readonly byte[] CheckpointLabel = "tenancy-audit-checkpoint/2"u8.ToArray();

    private readonly IncrementalHash _hash;
    private byte[] _buffer = new byte[1024];
    private int _length;

    public AuditMac(AuditKey? key)
    {
        _hash = key is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : key.CreateHmac();
        KeyId = key?.KeyId;
    }

    /// <summary>Gets the id of the key, or <see langword="null"/> for plain SHA-256.</summary>
    public string? KeyId { get; }

    /// <summary>The MAC of a record over its previous MAC and its fields (its own <see cref="AuditRecord.Mac"/> is not read).</summary>
    public string Compute(AuditRecord record)
    {
        _length = 0;
        Bytes(RecordLabel);
        Text(record.PreviousMac);
        Text(record.ChainId);
        Number(record.Sequence);
        Text(record.KeyId);
        Text(record.EventId);
        Text(record.Timestamp);
        Text(record.TenantId);
        Text(record.ClaimedTenantId);
        Text(record.Tier);
        Text(record.Schema);
        Text(record.SchemaVersion);
        Text(record.Outcome);
        List(record.ErrorCodes);
        List(record.ErrorPaths);
        List(record.RuleSets);
        Text(record.IsolationLevel);
        Span<char> duration = stackalloc char[32];
        record.DurationMs.TryFormat(duration, out var written, "R", CultureInfo.InvariantCulture);
        Text(duration[..written]);
        Text(record.CorrelationId);
        return Finish();
    }

    /// <summary>The MAC of a checkpoint over its fields (its own <see cref="AuditCheckpoint.Mac"/> is not read).</summary>
    public string Compute(AuditCheckpoint checkpoint)
    {
        _length = 0;
        Bytes(CheckpointLabel);
        Text(checkpoint.ChainId);
        Number(checkpoint.Sequence);
        Text(checkpoint.HeadMac);
        Text(checkpoint.Timestamp);
        Text(checkpoint.KeyId);
        Text(checkpoint.IsFinal ? "1" : "0");
        return Finish();
    }

    public void Dispose() => _hash.Dispose();

    private string Finish()
    {
        _hash.AppendData(_buffer, 0, _length);
        Span<byte> mac = stackalloc byte[SHA256.HashSizeInBytes];
        _hash.GetHashAndReset(mac);

        // A record with a long claimed tenant id grows the buffer once; it is not kept at that size.
        if (_buffer.Length > 64 * 1024)
        {
            _buffer = new byte[1024];
        }

        return Convert.ToHexStringLower(mac);
    }

    private void Number(long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        Text(digits[..written]);
    }

    private void List(IReadOnlyList<string> items)
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), items.Count);
        _length += 4;
        for (var i = 0; i < items.Count; i++)
        {
            Text(items[i]);
        }
    }

    private void Text(string? value)
    {
        if (value is null)
        {
            Reserve(4);
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), uint.MaxValue);
            _length += 4;
            return;
        }

        Text(value.AsSpan());
    }

    private void Text(ReadOnlySpan<char> value)
    {
        // Lone surrogates become U+FFFD, as they do when the log is written as UTF-8 text and read back.
        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var count = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), count);
        _length += 4 + count;
    }

    private void Bytes(ReadOnlySpan<byte> value)
    {
        Reserve(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value.Length);
        value.CopyTo(_buffer.AsSpan(_length + 4));
        _length += 4 + value.Length;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
