using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TenancySchemas.Auditing;

/// <summary>The canonical form of an audit record and its chained SHA-256 hash, shared by the writer and the verifier.</summary>
/// <remarks>
/// The canonical form is the fields in a fixed order, UTF-8, separated by U+001F (items of a list by U+001E). It is
/// encoded straight into a pooled buffer and hashed there: the hash runs once per validation, on the hot path.
/// </remarks>
internal static class AuditHashing
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string FieldSeparator = "\u001f";
    private const string ItemSeparator = "\u001e";

    public static string ComputeHash(AuditRecord record) => ComputeHash(record, null);

    /// <summary>Computes the hash with a reusable SHA-256 instance (the writer's, used under its lock), or a one-shot hash.</summary>
    public static string ComputeHash(AuditRecord record, IncrementalHash? sha256)
    {
        // The fields are gathered as text and transcoded to UTF-8 once: one transcoding per field and separator cost
        // more than the copies. The bytes are the same either way (separators never pair with a field's surrogates).
        var text = ArrayPool<char>.Shared.Rent(512);
        byte[]? bytes = null;
        try
        {
            var length = 0;
            Field(record.PreviousHash);
            Field(record.ChainId);
            Number(record.Sequence);
            Field(record.EventId);
            Field(record.Timestamp);
            Field(record.TenantId);
            Field(record.Tier);
            Field(record.Schema);
            Field(record.SchemaVersion);
            Field(record.Outcome);
            List(record.ErrorCodes);
            List(record.ErrorPaths);
            List(record.RuleSets);
            Field(record.IsolationLevel);
            Span<char> duration = stackalloc char[32];
            record.DurationMs.TryFormat(duration, out var durationLength, "R", CultureInfo.InvariantCulture);
            Append(duration[..durationLength]);
            Append(FieldSeparator);
            Append(record.CorrelationId ?? string.Empty);

            bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
            var byteCount = Encoding.UTF8.GetBytes(text.AsSpan(0, length), bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            if (sha256 is null)
            {
                SHA256.HashData(bytes.AsSpan(0, byteCount), hash);
            }
            else
            {
                // One hashing context for the process's chain: creating an OpenSSL digest per event costs more than hashing it.
                sha256.AppendData(bytes.AsSpan(0, byteCount));
                sha256.GetHashAndReset(hash);
            }

            return Convert.ToHexStringLower(hash);

            void Field(string value)
            {
                Append(value);
                Append(FieldSeparator);
            }

            void Number(long value)
            {
                Span<char> digits = stackalloc char[20];
                value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
                Append(digits[..written]);
                Append(FieldSeparator);
            }

            void List(IReadOnlyList<string> items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                    {
                        Append(ItemSeparator);
                    }

                    Append(items[i]);
                }

                Append(FieldSeparator);
            }

            void Append(ReadOnlySpan<char> value)
            {
                if (length + value.Length > text.Length)
                {
                    var larger = ArrayPool<char>.Shared.Rent(Math.Max(length + value.Length, text.Length * 2));
                    text.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<char>.Shared.Return(text);
                    text = larger;
                }

                value.CopyTo(text.AsSpan(length));
                length += value.Length;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }
}
