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
    string? ClaimedTenantId,
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

    // Values that repeat (source context, chain id, schema version, isolation level, schema names, tiers, outcomes,
    // rule-set lists, no errors) are built once and shared: property values are immutable.
    private static readonly ScalarValue SourceContext = new("TenancySchemas.Audit");
    private static readonly SequenceValue NoItems = new([]);
    private readonly RepeatedValue _tiers = new();
    private readonly RepeatedValue _schemas = new();
    private readonly RepeatedValue _outcomes = new();
    private readonly RepeatedValue _schemaVersions = new();
    private readonly RepeatedValue _isolationLevels = new();
    private readonly RepeatedValue _chainIds = new();

    // The rule-set lists of the tier selectors are single instances: their values are built once, found by reference.
    private static readonly FrozenDictionary<IReadOnlyList<string>, SequenceValue> StandardRuleSets =
        Validation.TierRuleSetSelector.AllRuleSetLists.ToFrozenDictionary<IReadOnlyList<string>, IReadOnlyList<string>, SequenceValue>(sets => sets, Sequence, ReferenceEqualityComparer.Instance);

    private static SequenceValue Sequence(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return NoItems;
        }

        var items = new ScalarValue[values.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new ScalarValue(values[i]);
        }

        return new SequenceValue(items);
    }

    private LogEvent ToLogEvent(AuditRecord record, ScalarValue hash, DateTimeOffset now)
    {
        // The event's dictionary is built here at its final size and handed to Serilog as it is
        // (LogEvent.UnstableAssembleFromParts, made for sinks and bridges that build events at high rates): the public
        // constructor would take property objects, copy them into a dictionary grown step by step and drop them,
        // about 0.6 us and 830 B more per event. A missing correlation id is left out rather than written as null (the
        // verifier reads both).
        var properties = new Dictionary<string, LogEventPropertyValue>(record.CorrelationId is null ? 17 : 18)
        {
            ["AuditEventId"] = new ScalarValue(record.EventId),
            ["AuditTimestamp"] = new ScalarValue(record.Timestamp),
            [nameof(AuditRecord.TenantId)] = new ScalarValue(record.TenantId),
            [nameof(AuditRecord.Tier)] = _tiers.For(record.Tier),
            [nameof(AuditRecord.Schema)] = _schemas.For(record.Schema),
            [nameof(AuditRecord.SchemaVersion)] = _schemaVersions.For(record.SchemaVersion),
            [nameof(AuditRecord.Outcome)] = _outcomes.For(record.Outcome),
            [nameof(AuditRecord.ErrorCodes)] = Sequence(record.ErrorCodes),
            [nameof(AuditRecord.ErrorPaths)] = Sequence(record.ErrorPaths),
            [nameof(AuditRecord.RuleSets)] = StandardRuleSets.TryGetValue(record.RuleSets, out var shared) ? shared : Sequence(record.RuleSets),
            [nameof(AuditRecord.IsolationLevel)] = _isolationLevels.For(record.IsolationLevel),
            [nameof(AuditRecord.DurationMs)] = new ScalarValue(record.DurationMs),
            [nameof(AuditRecord.ChainId)] = _chainIds.For(record.ChainId),
            [nameof(AuditRecord.Sequence)] = new ScalarValue(record.Sequence),
            [nameof(AuditRecord.PreviousHash)] = _previousHash,
            [nameof(AuditRecord.Hash)] = hash,
            [Serilog.Core.Constants.SourceContextPropertyName] = SourceContext,
        };
        if (record.CorrelationId is not null)
        {
            properties[nameof(AuditRecord.CorrelationId)] = new ScalarValue(record.CorrelationId);
        }

        return LogEvent.UnstableAssembleFromParts(now, LogEventLevel.Information, null, Template, properties, default, default);
    }

    /// <summary>
    /// The shared values of one field whose values come from a small set (tier, schema, outcome, settings fixed for
    /// the auditor's lifetime). The last value handed out is checked first by reference, since those values are nearly
    /// always the same string instances; others are kept in a bounded map.
    /// </summary>
    private sealed class RepeatedValue
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ScalarValue> _known = new(StringComparer.Ordinal);
        private ScalarValue? _last;

        public ScalarValue For(string value)
        {
            var last = Volatile.Read(ref _last);
            if (last is not null && last.Value is string text && ReferenceEquals(text, value))
            {
                return last;
            }

            var scalar = _known.Count < 1024 ? _known.GetOrAdd(value, static key => new ScalarValue(key)) : new ScalarValue(value);
            Volatile.Write(ref _last, scalar);
            return scalar;
        }
    }
}
