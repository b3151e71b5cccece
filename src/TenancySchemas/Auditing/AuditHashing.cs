using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TenancySchemas.Auditing;

/// <summary>The canonical form of an audit record and its chained SHA-256 hash, shared by the writer and the verifier.</summary>
internal static class AuditHashing
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const char FieldSeparator = '\u001f';
    private const char ItemSeparator = '\u001e';

    public static string ComputeHash(AuditRecord record)
    {
        var canonical = new StringBuilder(256)
            .Append(record.PreviousHash).Append(FieldSeparator)
            .Append(record.ChainId).Append(FieldSeparator)
            .Append(record.Sequence.ToString(CultureInfo.InvariantCulture)).Append(FieldSeparator)
            .Append(record.EventId).Append(FieldSeparator)
            .Append(record.Timestamp).Append(FieldSeparator)
            .Append(record.TenantId).Append(FieldSeparator)
            .Append(record.Tier).Append(FieldSeparator)
            .Append(record.Schema).Append(FieldSeparator)
            .Append(record.SchemaVersion).Append(FieldSeparator)
            .Append(record.Outcome).Append(FieldSeparator)
            .AppendJoin(ItemSeparator, record.ErrorCodes).Append(FieldSeparator)
            .AppendJoin(ItemSeparator, record.ErrorPaths).Append(FieldSeparator)
            .AppendJoin(ItemSeparator, record.RuleSets).Append(FieldSeparator)
            .Append(record.IsolationLevel).Append(FieldSeparator)
            .Append(record.DurationMs.ToString("R", CultureInfo.InvariantCulture)).Append(FieldSeparator)
            .Append(record.CorrelationId ?? string.Empty)
            .ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
