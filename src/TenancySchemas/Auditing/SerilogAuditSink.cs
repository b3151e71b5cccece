using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Parsing;

namespace TenancySchemas.Auditing;

/// <summary>
/// The default audit sink: Information events with source context <c>TenancySchemas.Audit</c> written to the
/// <see cref="ILogger"/> registered in the container. Serilog's <c>AuditTo</c> sinks throw when they cannot write,
/// so the validation fails; <c>WriteTo</c> sinks swallow their failures by Serilog's design.
/// </summary>
internal sealed class SerilogAuditSink : IAuditSink
{
    private const LogEventLevel Level = LogEventLevel.Information;

    private static readonly MessageTemplate RecordTemplate = new MessageTemplateParser().Parse("Validated {Schema} for tenant {TenantId} ({Tier}): {Outcome}");
    private static readonly MessageTemplate CheckpointTemplate = new MessageTemplateParser().Parse("Audit checkpoint of chain {ChainId} at {Sequence}");
    private static readonly MessageTemplate ProbeTemplate = new MessageTemplateParser().Parse("TenancySchemas audit health probe");

    // Values that repeat (source context, chain id, key id, schema version, isolation level, schema names, tiers,
    // outcomes, rule-set lists, no errors) are built once and shared: property values are immutable.
    private static readonly ScalarValue SourceContext = new(AuditFieldNames.SourceContext);
    private static readonly ScalarValue True = new(true);
    private static readonly ScalarValue False = new(false);
    private static readonly SequenceValue NoItems = new([]);

    // The rule-set lists of the tier selectors are single instances: their values are built once, found by reference.
    private static readonly FrozenDictionary<IReadOnlyList<string>, SequenceValue> StandardRuleSets =
        Validation.TierRuleSetSelector.AllRuleSetLists.ToFrozenDictionary<IReadOnlyList<string>, IReadOnlyList<string>, SequenceValue>(sets => sets, Sequence, ReferenceEqualityComparer.Instance);

    private readonly ILogger? _logger;
    private readonly RepeatedValue _tiers = new();
    private readonly RepeatedValue _schemas = new();
    private readonly RepeatedValue _outcomes = new();
    private readonly RepeatedValue _schemaVersions = new();
    private readonly RepeatedValue _isolationLevels = new();
    private readonly RepeatedValue _chainIds = new();
    private readonly RepeatedValue _keyIds = new();

    // The last MAC written, as the property value the next record repeats as its PreviousMac.
    private ScalarValue? _lastMac;

    public SerilogAuditSink(IServiceProvider services)
    {
        // Through a logger for the audit source context, so that a level override for TenancySchemas applies to the
        // records and to the probe alike.
        _logger = services.GetService<ILogger>()?.ForContext(Serilog.Core.Constants.SourceContextPropertyName, AuditFieldNames.SourceContext);
    }

    public AuditSinkProblem? Problem =>
        _logger is null
            ? new AuditSinkProblem(true, "Auditing is enabled but no Serilog.ILogger is registered, so audit records are dropped. Register the logger that receives them: services.AddSingleton<Serilog.ILogger>(logger).")
            : !_logger.IsEnabled(Level)
                ? new AuditSinkProblem(false, "The audit logger drops Information events from TenancySchemas.Audit (its minimum level or an override), so audit records are lost.")
                : null;

    public void Write(AuditRecord record, DateTimeOffset timestamp)
    {
        if (_logger is null)
        {
            return;
        }

        var previous = _lastMac is { Value: string last } && ReferenceEquals(last, record.PreviousMac) ? _lastMac : new ScalarValue(record.PreviousMac);
        var mac = new ScalarValue(record.Mac);

        // The event's dictionary is built here at its final size and handed to Serilog as it is
        // (LogEvent.UnstableAssembleFromParts, made for sinks and bridges that build events at high rates): the public
        // constructor would copy property objects into a dictionary grown step by step. Absent optional fields are
        // left out rather than written as null (the verifier reads both).
        var properties = new Dictionary<string, LogEventPropertyValue>(17 + (record.CorrelationId is null ? 0 : 1) + (record.ClaimedTenantId is null ? 0 : 1) + (record.KeyId is null ? 0 : 1))
        {
            [AuditFieldNames.EventId] = new ScalarValue(record.EventId),
            [AuditFieldNames.Timestamp] = new ScalarValue(record.Timestamp),
            [AuditFieldNames.TenantId] = new ScalarValue(record.TenantId),
            [AuditFieldNames.Tier] = _tiers.For(record.Tier),
            [AuditFieldNames.Schema] = _schemas.For(record.Schema),
            [AuditFieldNames.SchemaVersion] = _schemaVersions.For(record.SchemaVersion),
            [AuditFieldNames.Outcome] = _outcomes.For(record.Outcome),
            [AuditFieldNames.ErrorCodes] = Sequence(record.ErrorCodes),
            [AuditFieldNames.ErrorPaths] = Sequence(record.ErrorPaths),
            [AuditFieldNames.RuleSets] = StandardRuleSets.TryGetValue(record.RuleSets, out var shared) ? shared : Sequence(record.RuleSets),
            [AuditFieldNames.IsolationLevel] = _isolationLevels.For(record.IsolationLevel),
            [AuditFieldNames.DurationMs] = new ScalarValue(record.DurationMs),
            [AuditFieldNames.ChainId] = _chainIds.For(record.ChainId),
            [AuditFieldNames.Sequence] = new ScalarValue(record.Sequence),
            [AuditFieldNames.PreviousMac] = previous,
            [AuditFieldNames.Mac] = mac,
            [Serilog.Core.Constants.SourceContextPropertyName] = SourceContext,
        };
        if (record.ClaimedTenantId is not null)
        {
            properties[AuditFieldNames.ClaimedTenantId] = new ScalarValue(record.ClaimedTenantId);
        }

        if (record.CorrelationId is not null)
        {
            properties[AuditFieldNames.CorrelationId] = new ScalarValue(record.CorrelationId);
        }

        if (record.KeyId is not null)
        {
            properties[AuditFieldNames.KeyId] = _keyIds.For(record.KeyId);
        }

        _logger.Write(LogEvent.UnstableAssembleFromParts(timestamp, Level, null, RecordTemplate, properties, default, default));
        _lastMac = mac;
    }

    public void Write(AuditCheckpoint checkpoint, DateTimeOffset timestamp)
    {
        if (_logger is null)
        {
            return;
        }

        var properties = new Dictionary<string, LogEventPropertyValue>(8)
        {
            [AuditFieldNames.ChainId] = _chainIds.For(checkpoint.ChainId),
            [AuditFieldNames.Sequence] = new ScalarValue(checkpoint.Sequence),
            [AuditFieldNames.HeadMac] = new ScalarValue(checkpoint.HeadMac),
            [AuditFieldNames.CheckpointTimestamp] = new ScalarValue(checkpoint.Timestamp),
            [AuditFieldNames.Final] = checkpoint.IsFinal ? True : False,
            [AuditFieldNames.CheckpointMac] = new ScalarValue(checkpoint.Mac),
            [Serilog.Core.Constants.SourceContextPropertyName] = SourceContext,
        };
        if (checkpoint.KeyId is not null)
        {
            properties[AuditFieldNames.KeyId] = _keyIds.For(checkpoint.KeyId);
        }

        _logger.Write(LogEvent.UnstableAssembleFromParts(timestamp, Level, null, CheckpointTemplate, properties, default, default));
    }

    public void WriteProbe(DateTimeOffset timestamp)
    {
        if (_logger is null)
        {
            return;
        }

        var properties = new Dictionary<string, LogEventPropertyValue>(2)
        {
            [AuditFieldNames.Probe] = True,
            [Serilog.Core.Constants.SourceContextPropertyName] = SourceContext,
        };
        _logger.Write(LogEvent.UnstableAssembleFromParts(timestamp, Level, null, ProbeTemplate, properties, default, default));
    }

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

    /// <summary>
    /// The shared values of one field whose values come from a small set (tier, schema, outcome, settings fixed for
    /// the writer's lifetime). The last value handed out is checked first by reference, since those values are nearly
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
