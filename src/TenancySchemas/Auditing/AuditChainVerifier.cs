using System.Globalization;
using System.Text.Json;

namespace TenancySchemas.Auditing;

/// <summary>
/// Verifies the tamper-evident chains of TenancySchemas audit events: every record must follow its predecessor in
/// sequence and hash. Reports the first record that was modified, inserted, deleted or reordered.
/// </summary>
public static class AuditChainVerifier
{
    /// <summary>Verifies audit records in the order they were stored.</summary>
    /// <param name="records">The records; records of several chains may interleave.</param>
    /// <returns>Whether every chain is intact, or the first break.</returns>
    public static AuditVerificationResult Verify(IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var all = records.Select((record, index) => (Record: record, Position: index + 1)).ToList();
        var chains = all.GroupBy(r => r.Record.ChainId, StringComparer.Ordinal).ToList();
        AuditVerificationResult? firstBreak = null;
        foreach (var chain in chains)
        {
            var broken = VerifyChain(chain.Key, [.. chain]);
            if (broken is not null && (firstBreak is null || broken.Position < firstBreak.Position))
            {
                firstBreak = broken;
            }
        }

        return firstBreak is null
            ? new AuditVerificationResult { IsIntact = true, Records = all.Count, Chains = chains.Count }
            : firstBreak with { Records = all.Count, Chains = chains.Count };
    }

    /// <summary>Reads and verifies a Serilog compact JSON (CLEF) log; lines that are not audit events are skipped.</summary>
    /// <param name="reader">The log, one JSON event per line.</param>
    /// <returns>Whether every chain is intact, or the first break.</returns>
    public static AuditVerificationResult VerifyClef(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<AuditRecord>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (ReadClefLine(line) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                return new AuditVerificationResult { IsIntact = false, Records = records.Count, Chains = 0, Kind = AuditBreakKind.Unreadable, Position = lineNumber };
            }
        }

        return Verify(records);
    }

    /// <summary>Reads one CLEF line as an audit record, or returns <see langword="null"/> for another kind of event.</summary>
    /// <param name="line">The JSON line.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    public static AuditRecord? ReadClefLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(nameof(AuditRecord.ChainId), out var chain))
        {
            return null;
        }

        string Text(string name) => root.GetProperty(name).GetString() ?? string.Empty;
        string[] List(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(e => e.GetString() ?? string.Empty)]
            : [];

        return new AuditRecord
        {
            EventId = Text("AuditEventId"),
            Timestamp = Text("AuditTimestamp"),
            TenantId = Text(nameof(AuditRecord.TenantId)),
            Tier = Text(nameof(AuditRecord.Tier)),
            Schema = Text(nameof(AuditRecord.Schema)),
            SchemaVersion = Text(nameof(AuditRecord.SchemaVersion)),
            Outcome = Text(nameof(AuditRecord.Outcome)),
            ErrorCodes = List(nameof(AuditRecord.ErrorCodes)),
            ErrorPaths = List(nameof(AuditRecord.ErrorPaths)),
            RuleSets = List(nameof(AuditRecord.RuleSets)),
            IsolationLevel = Text(nameof(AuditRecord.IsolationLevel)),
            DurationMs = root.GetProperty(nameof(AuditRecord.DurationMs)).GetDouble(),
            CorrelationId = root.TryGetProperty(nameof(AuditRecord.CorrelationId), out var correlation) && correlation.ValueKind == JsonValueKind.String ? correlation.GetString() : null,
            ChainId = chain.GetString() ?? string.Empty,
            Sequence = root.GetProperty(nameof(AuditRecord.Sequence)).GetInt64(),
            PreviousHash = Text(nameof(AuditRecord.PreviousHash)),
            Hash = Text(nameof(AuditRecord.Hash)),
        };
    }

    private static AuditVerificationResult? VerifyChain(string chainId, List<(AuditRecord Record, int Position)> records)
    {
        var previousHash = AuditHashing.GenesisHash;
        long expected = 1;
        bool Continues(AuditRecord record) =>
            string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal) && string.Equals(AuditHashing.ComputeHash(record), record.Hash, StringComparison.Ordinal);

        AuditVerificationResult Break(AuditBreakKind kind, int position) => new()
        {
            IsIntact = false, Records = 0, Chains = 0, BrokenChainId = chainId, BrokenSequence = expected, Kind = kind, Position = position,
        };

        for (var i = 0; i < records.Count; i++)
        {
            var (record, position) = records[i];
            var next = i + 1 < records.Count ? records[i + 1].Record : null;
            if (record.Sequence == expected)
            {
                if (Continues(record))
                {
                    previousHash = record.Hash;
                    expected++;
                    continue;
                }

                return Break(next is not null && next.Sequence == expected && Continues(next) ? AuditBreakKind.Inserted : AuditBreakKind.Modified, position);
            }

            if (record.Sequence > expected)
            {
                return next is not null && next.Sequence == expected
                    ? Break(record.Sequence == expected + 1 ? AuditBreakKind.Reordered : AuditBreakKind.Inserted, position)
                    : Break(AuditBreakKind.Deleted, position);
            }

            return Break(AuditBreakKind.Inserted, position);
        }

        return null;
    }

    internal static string FormatTimestamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
