using System.Text.Json;

namespace TenancySchemas.Auditing;

/// <summary>What one line of a log is to the verifier.</summary>
internal enum AuditLineKind
{
    /// <summary>An empty or white line.</summary>
    Blank,

    /// <summary>Anything that is not an audit record or checkpoint: text, another event, a probe, a torn or overlong line.</summary>
    Other,

    /// <summary>An audit record.</summary>
    Record,

    /// <summary>An audit checkpoint.</summary>
    Checkpoint,

    /// <summary>An event of the audit source that cannot be read as a record or checkpoint.</summary>
    Unreadable,
}

/// <summary>One line read: what it is, and the record or checkpoint it holds.</summary>
internal readonly record struct AuditLine(AuditLineKind Kind, AuditRecord? Record = null, AuditCheckpoint? Checkpoint = null, string? Problem = null);

/// <summary>
/// Reads a log line by line from a stream in bounded memory (a line longer than <see cref="MaxLineBytes"/> is skipped,
/// never held), and reads each line as a compact JSON (CLEF) audit record, checkpoint or other event.
/// </summary>
internal sealed class AuditLogReader(Stream stream)
{
    /// <summary>The longest line read; audit records are far shorter (their error lists are bounded).</summary>
    public const int MaxLineBytes = 1 << 20;

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Gets the 1-based number of the line last read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line (without its line break), or returns <see langword="false"/> at the end.</summary>
    /// <param name="line">The line's bytes, valid until the next call; empty for an overlong line.</param>
    /// <param name="overlong">Whether the line was longer than <see cref="MaxLineBytes"/> and was skipped.</param>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool overlong)
    {
        overlong = false;
        var searched = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = searched + newline;
                line = overlong ? default : _buffer.AsSpan(_start, length);
                _start += length + 1;
                LineNumber++;
                return true;
            }

            searched = _end - _start;
            if (_eof)
            {
                if (searched == 0 && !overlong)
                {
                    line = default;
                    return false;
                }

                line = overlong ? default : _buffer.AsSpan(_start, searched);
                _start = _end;
                LineNumber++;
                return true;
            }

            if (searched > MaxLineBytes)
            {
                // Too long to be an audit record: drop what was read and skip to the next line break.
                overlong = true;
                _start = _end = 0;
                searched = 0;
            }
            else if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            else if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineBytes + 64 * 1024));
            }

            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    /// <summary>Reads one line as an audit entry.</summary>
    /// <param name="line">The line, UTF-8.</param>
    /// <param name="anySource">Whether checkpoints are taken from any object with their fields (a checkpoint store's file) rather than from audit events only.</param>
    public static AuditLine Parse(ReadOnlySpan<byte> line, bool anySource = false)
    {
        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty)
        {
            return new AuditLine(AuditLineKind.Blank);
        }

        if (line[0] != (byte)'{')
        {
            return new AuditLine(AuditLineKind.Other);
        }

        var fields = new Fields();
        string? problem = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Field.Find(ref reader);
                reader.Read();
                if (field < 0)
                {
                    reader.Skip();
                }
                else if (!fields.Set(field, ref reader))
                {
                    // Read on: whether the line is an audit entry at all shows only once its source context is read.
                    problem ??= $"'{Field.Names[field]}' is repeated or has the wrong type";
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                }
            }

            // One object per line: content after it is a torn or merged line, not an audit entry.
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.BytesConsumed != line.Length)
            {
                return new AuditLine(AuditLineKind.Other);
            }
        }
        catch (JsonException)
        {
            return new AuditLine(AuditLineKind.Other);
        }

        if (problem is not null)
        {
            return fields.IsAudit(anySource) ? new AuditLine(AuditLineKind.Unreadable, Problem: problem) : new AuditLine(AuditLineKind.Other);
        }

        return fields.ToLine(anySource);
    }

    /// <summary>The fields of an audit entry, by index; each may appear once.</summary>
    private static class Field
    {
        public const int SourceContext = 0;
        public const int EventId = 1;
        public const int Timestamp = 2;
        public const int TenantId = 3;
        public const int ClaimedTenantId = 4;
        public const int Tier = 5;
        public const int Schema = 6;
        public const int SchemaVersion = 7;
        public const int Outcome = 8;
        public const int ErrorCodes = 9;
        public const int ErrorPaths = 10;
        public const int RuleSets = 11;
        public const int IsolationLevel = 12;
        public const int DurationMs = 13;
        public const int CorrelationId = 14;
        public const int ChainId = 15;
        public const int Sequence = 16;
        public const int KeyId = 17;
        public const int PreviousMac = 18;
        public const int Mac = 19;
        public const int HeadMac = 20;
        public const int CheckpointTimestamp = 21;
        public const int Final = 22;
        public const int CheckpointMac = 23;
        public const int Probe = 24;

        public static readonly string[] Names =
        [
            Serilog.Core.Constants.SourceContextPropertyName, AuditFieldNames.EventId, AuditFieldNames.Timestamp, AuditFieldNames.TenantId,
            AuditFieldNames.ClaimedTenantId, AuditFieldNames.Tier, AuditFieldNames.Schema, AuditFieldNames.SchemaVersion,
            AuditFieldNames.Outcome, AuditFieldNames.ErrorCodes, AuditFieldNames.ErrorPaths, AuditFieldNames.RuleSets,
            AuditFieldNames.IsolationLevel, AuditFieldNames.DurationMs, AuditFieldNames.CorrelationId, AuditFieldNames.ChainId,
            AuditFieldNames.Sequence, AuditFieldNames.KeyId, AuditFieldNames.PreviousMac, AuditFieldNames.Mac,
            AuditFieldNames.HeadMac, AuditFieldNames.CheckpointTimestamp, AuditFieldNames.Final, AuditFieldNames.CheckpointMac,
            AuditFieldNames.Probe,
        ];

        private static readonly byte[][] Utf8Names = [.. Names.Select(System.Text.Encoding.UTF8.GetBytes)];

        public static int Find(ref Utf8JsonReader reader)
        {
            for (var i = 0; i < Utf8Names.Length; i++)
            {
                if (reader.ValueTextEquals(Utf8Names[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    private sealed class Fields
    {
        private readonly string?[] _text = new string?[Field.Names.Length];
        private readonly string[]?[] _lists = new string[]?[Field.Names.Length];
        private uint _seen;
        private long _sequence;
        private double _duration;
        private bool _final;

        public bool Has(int field) => (_seen & (1u << field)) != 0;

        public bool IsAudit(bool anySource) => anySource || string.Equals(_text[Field.SourceContext], AuditFieldNames.SourceContext, StringComparison.Ordinal);

        /// <summary>Reads a field's value; <see langword="false"/> when it was seen before or has the wrong type.</summary>
        public bool Set(int field, ref Utf8JsonReader reader)
        {
            if (Has(field))
            {
                return false;
            }

            _seen |= 1u << field;
            switch (field)
            {
                case Field.Sequence:
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out _sequence);
                case Field.DurationMs:
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out _duration);
                case Field.Final:
                    _final = reader.TokenType == JsonTokenType.True;
                    return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
                case Field.Probe:
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }

                    return true;
                case Field.ErrorCodes or Field.ErrorPaths or Field.RuleSets:
                    return ReadList(field, ref reader);
                case Field.ClaimedTenantId or Field.CorrelationId or Field.KeyId when reader.TokenType == JsonTokenType.Null:
                    return true;
                default:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    _text[field] = reader.GetString();
                    return true;
            }
        }

        public AuditLine ToLine(bool anySource)
        {
            if (!IsAudit(anySource))
            {
                return new AuditLine(AuditLineKind.Other);
            }

            if (Has(Field.Probe))
            {
                return new AuditLine(AuditLineKind.Other);
            }

            if (Has(Field.CheckpointMac))
            {
                return Missing(Field.ChainId, Field.Sequence, Field.HeadMac, Field.CheckpointTimestamp, Field.Final) is { } missing
                    ? new AuditLine(AuditLineKind.Unreadable, Problem: $"the checkpoint has no '{missing}'")
                    : new AuditLine(AuditLineKind.Checkpoint, Checkpoint: new AuditCheckpoint
                    {
                        ChainId = _text[Field.ChainId]!,
                        Sequence = _sequence,
                        HeadMac = _text[Field.HeadMac]!,
                        Timestamp = _text[Field.CheckpointTimestamp]!,
                        KeyId = _text[Field.KeyId],
                        IsFinal = _final,
                        Mac = _text[Field.CheckpointMac]!,
                    });
            }

            if (anySource || !Has(Field.Mac))
            {
                return new AuditLine(AuditLineKind.Other);
            }

            var absent = Missing(
                Field.EventId, Field.Timestamp, Field.TenantId, Field.Tier, Field.Schema, Field.SchemaVersion, Field.Outcome, Field.ErrorCodes,
                Field.ErrorPaths, Field.RuleSets, Field.IsolationLevel, Field.DurationMs, Field.ChainId, Field.Sequence, Field.PreviousMac);
            return absent is not null
                ? new AuditLine(AuditLineKind.Unreadable, Problem: $"the record has no '{absent}'")
                : new AuditLine(AuditLineKind.Record, new AuditRecord
                {
                    EventId = _text[Field.EventId]!,
                    Timestamp = _text[Field.Timestamp]!,
                    TenantId = _text[Field.TenantId]!,
                    ClaimedTenantId = _text[Field.ClaimedTenantId],
                    Tier = _text[Field.Tier]!,
                    Schema = _text[Field.Schema]!,
                    SchemaVersion = _text[Field.SchemaVersion]!,
                    Outcome = _text[Field.Outcome]!,
                    ErrorCodes = _lists[Field.ErrorCodes]!,
                    ErrorPaths = _lists[Field.ErrorPaths]!,
                    RuleSets = _lists[Field.RuleSets]!,
                    IsolationLevel = _text[Field.IsolationLevel]!,
                    DurationMs = _duration,
                    CorrelationId = _text[Field.CorrelationId],
                    ChainId = _text[Field.ChainId]!,
                    Sequence = _sequence,
                    KeyId = _text[Field.KeyId],
                    PreviousMac = _text[Field.PreviousMac]!,
                    Mac = _text[Field.Mac]!,
                });
        }

        private string? Missing(params ReadOnlySpan<int> required)
        {
            foreach (var field in required)
            {
                if (!Has(field))
                {
                    return Field.Names[field];
                }
            }

            return null;
        }

        private bool ReadList(int field, ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            // Read to the end of the array whatever it holds, so that reading goes on after it.
            var depth = reader.CurrentDepth;
            var items = new List<string>();
            var wellFormed = true;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    items.Add(reader.GetString()!);
                    continue;
                }

                wellFormed = false;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            _lists[field] = items.Count == 0 ? [] : [.. items];
            return wellFormed;
        }
    }
}
