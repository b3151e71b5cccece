using System.Collections.Frozen;
using System.Diagnostics;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Parsing;

namespace TenancySchemas.Auditing;

/// <summary>What one validation was, for the audit trail and the metrics.</summary>
internal readonly record struct ValidationOutcome(
    string Schema,
    string? TenantId,
    string? Tier,
    IReadOnlyList<string> RuleSets,
    string Outcome,
    IReadOnlyList<ValidationFailure> Failures,
    TimeSpan Duration);

/// <summary>
/// Writes one audit event per validation to the app's Serilog logger, chained by SHA-256 so that a modified, missing,
/// added or reordered event shows. Sequence numbers are assigned and events written under one lock, so concurrent
/// validations produce one gap-free chain in write order. Logger exceptions propagate: with Serilog's AuditTo sinks
/// auditing fails closed.
/// </summary>
internal sealed class ValidationAuditor : IDisposable
{
    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse("Validated {Schema} for tenant {TenantId} ({Tier}): {Outcome}");

    private readonly Lock _gate = new();
    private readonly TenancySchemaOptions _options;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;
    private readonly System.Security.Cryptography.IncrementalHash _sha256 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
    private readonly byte[] _eventIdPrefix = Guid.NewGuid().ToByteArray()[..8];
    private long _sequence;
    // The last written hash, as the event property value that the next event repeats as its PreviousHash.
    private ScalarValue _previousHash = new(AuditHashing.GenesisHash);

    public ValidationAuditor(IOptions<TenancySchemaOptions> options, TimeProvider time, IServiceProvider services)
    {
        _options = options.Value;
        _time = time;
        _logger = _options.AuditLogger ?? services.GetService<ILogger>();
        ChainId = Guid.NewGuid().ToString("N");
    }

    /// <summary>Gets the id of this process's chain.</summary>
    public string ChainId { get; }

    public bool Enabled => _options.EnableAuditing;

    public void Record(in ValidationOutcome outcome)
    {
        if (!_options.EnableAuditing)
        {
            return;
        }

        var logger = _logger ?? Log.Logger;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var record = new AuditRecord
            {
                EventId = EventId(_sequence + 1),
                Timestamp = AuditChainVerifier.FormatTimestamp(now),
                TenantId = outcome.TenantId ?? "unknown",
                Tier = outcome.Tier ?? "unknown",
                Schema = outcome.Schema,
                SchemaVersion = _options.SchemaVersion,
                Outcome = outcome.Outcome,
                ErrorCodes = outcome.Failures.Count == 0 ? [] : [.. outcome.Failures.Select(f => f.ErrorCode ?? string.Empty)],
                ErrorPaths = outcome.Failures.Count == 0 ? [] : [.. outcome.Failures.Select(f => AuditPath(f.PropertyName))],
                RuleSets = outcome.RuleSets,
                IsolationLevel = Json.WireEnum<Isolation.IsolationLevel>.ToWireOrNumber(_options.IsolationLevel),
                DurationMs = Math.Round(outcome.Duration.TotalMilliseconds, 4),
                CorrelationId = Activity.Current?.TraceId.ToHexString(),
                ChainId = ChainId,
                Sequence = _sequence + 1,
                PreviousHash = (string)_previousHash.Value!,
                Hash = string.Empty,
            };

            // The event carries the hash; the record is not copied to hold it.
            var hash = new ScalarValue(AuditHashing.ComputeHash(record, _sha256));
            logger.Write(ToLogEvent(record, hash, now));

            // Only a written event advances the chain: a failed write leaves no gap.
            _sequence = record.Sequence;
            _previousHash = hash;
        }
    }

    // A GUID unique without asking the OS for randomness per event: 8 random bytes per chain, then the sequence number.
    private string EventId(long sequence)
    {
        Span<byte> bytes = stackalloc byte[16];
        _eventIdPrefix.CopyTo(bytes);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes[8..], sequence);
        return new Guid(bytes).ToString();
    }

    /// <summary>Releases the hashing context (the container disposes its singletons).</summary>
    public void Dispose() => _sha256.Dispose();

    /// <summary>Writes a probe event outside the chain, so that a health check sees whether the logger accepts events.</summary>
    public void Probe()
    {
        var logger = _logger ?? Log.Logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "TenancySchemas.Audit");
        logger.Debug("TenancySchemas audit health probe");
    }

    // Paths keep structure but not document content: map keys become "*".
    private static string AuditPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.Contains('[', StringComparison.Ordinal))
        {
            return path ?? string.Empty;
        }

        var builder = new System.Text.StringBuilder(path.Length);
        var i = 0;
        while (i < path.Length)
        {
            var open = path.IndexOf('[', i);
            if (open < 0)
            {
                builder.Append(path, i, path.Length - i);
                break;
            }

            var close = path.IndexOf(']', open);
            if (close < 0)
            {
                builder.Append(path, i, path.Length - i);
                break;
            }

            builder.Append(path, i, open - i);
            var key = path.AsSpan(open + 1, close - open - 1);
            builder.Append('[').Append(key.Length > 0 && !key.ContainsAnyExceptInRange('0', '9') ? key : "*").Append(']');
            i = close + 1;
        }

        return builder.ToString();
    }

    // Properties whose values repeat (source context, chain id, schema version, isolation level, schema names, tiers,
    // outcomes, rule-set lists, no errors) are built once and shared: LogEventProperty and its values are immutable.
    private static readonly LogEventProperty SourceContext = new(Serilog.Core.Constants.SourceContextPropertyName, new ScalarValue("TenancySchemas.Audit"));
    private static readonly SequenceValue NoItems = new([]);
    private readonly RepeatedProperty _tiers = new(nameof(AuditRecord.Tier));
    private readonly RepeatedProperty _schemas = new(nameof(AuditRecord.Schema));
    private readonly RepeatedProperty _outcomes = new(nameof(AuditRecord.Outcome));
    private readonly RepeatedProperty _schemaVersions = new(nameof(AuditRecord.SchemaVersion));
    private readonly RepeatedProperty _isolationLevels = new(nameof(AuditRecord.IsolationLevel));
    private readonly RepeatedProperty _chainIds = new(nameof(AuditRecord.ChainId));

    // The rule-set lists of the tier selectors are single instances: their properties are built once, found by reference.
    private static readonly FrozenDictionary<IReadOnlyList<string>, LogEventProperty> StandardRuleSets =
        Validation.TierRuleSetSelector.AllRuleSetLists.ToFrozenDictionary<IReadOnlyList<string>, IReadOnlyList<string>, LogEventProperty>(sets => sets, sets => Sequence(nameof(AuditRecord.RuleSets), sets), ReferenceEqualityComparer.Instance);

    private static LogEventProperty Scalar(string name, object? value) => new(name, new ScalarValue(value));

    private static LogEventProperty Sequence(string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return new(name, NoItems);
        }

        var items = new ScalarValue[values.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new ScalarValue(values[i]);
        }

        return new(name, new SequenceValue(items));
    }

    private LogEvent ToLogEvent(AuditRecord record, ScalarValue hash, DateTimeOffset now)
    {
        static LogEventProperty RuleSets(IReadOnlyList<string> sets) =>
            StandardRuleSets.TryGetValue(sets, out var shared) ? shared : Sequence(nameof(AuditRecord.RuleSets), sets);

        // A missing correlation id is left out rather than written as null (the verifier reads both): 17 properties
        // fit the event's dictionary without its last growth step.
        var properties = new LogEventProperty[record.CorrelationId is null ? 17 : 18];
        properties[0] = Scalar("AuditEventId", record.EventId);
        properties[1] = Scalar("AuditTimestamp", record.Timestamp);
        properties[2] = Scalar(nameof(AuditRecord.TenantId), record.TenantId);
        properties[3] = _tiers.For(record.Tier);
        properties[4] = _schemas.For(record.Schema);
        properties[5] = _schemaVersions.For(record.SchemaVersion);
        properties[6] = _outcomes.For(record.Outcome);
        properties[7] = Sequence(nameof(AuditRecord.ErrorCodes), record.ErrorCodes);
        properties[8] = Sequence(nameof(AuditRecord.ErrorPaths), record.ErrorPaths);
        properties[9] = RuleSets(record.RuleSets);
        properties[10] = _isolationLevels.For(record.IsolationLevel);
        properties[11] = Scalar(nameof(AuditRecord.DurationMs), record.DurationMs);
        properties[12] = _chainIds.For(record.ChainId);
        properties[13] = Scalar(nameof(AuditRecord.Sequence), record.Sequence);
        properties[14] = new(nameof(AuditRecord.PreviousHash), _previousHash);
        properties[15] = new(nameof(AuditRecord.Hash), hash);
        properties[16] = SourceContext;
        if (record.CorrelationId is not null)
        {
            properties[17] = Scalar(nameof(AuditRecord.CorrelationId), record.CorrelationId);
        }

        return new LogEvent(now, LogEventLevel.Information, null, Template, properties);
    }

    /// <summary>
    /// The shared properties of one field whose values come from a small set (tier, schema, outcome, settings fixed
    /// for the auditor's lifetime). The last property handed out is checked first by reference, since those values
    /// are nearly always the same string instances; others are kept in a bounded map.
    /// </summary>
    private sealed class RepeatedProperty(string name)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LogEventProperty> _known = new(StringComparer.Ordinal);
        private LogEventProperty? _last;

        public LogEventProperty For(string value)
        {
            var last = Volatile.Read(ref _last);
            if (last is not null && last.Value is ScalarValue { Value: string text } && ReferenceEquals(text, value))
            {
                return last;
            }

            var property = _known.Count < 1024 ? _known.GetOrAdd(value, static (key, name) => Scalar(name, key), name) : Scalar(name, value);
            Volatile.Write(ref _last, property);
            return property;
        }
    }
}
