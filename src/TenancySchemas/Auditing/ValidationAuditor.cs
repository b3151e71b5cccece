using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FluentValidation.Results;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TenancySchemas.Auditing;

/// <summary>What one validation was, for the audit trail and the metrics.</summary>
/// <param name="Schema">The schema name, such as <c>alert</c>.</param>
/// <param name="TenantId">The caller's tenant (the tenant context), if known.</param>
/// <param name="ClaimedTenantId">The tenant id the document claims, when it differs from <paramref name="TenantId"/>.</param>
/// <param name="Tier">The tier whose rules applied, if known.</param>
/// <param name="RuleSets">The rule sets that ran.</param>
/// <param name="Outcome"><c>valid</c>, <c>invalid</c> or <c>rejected</c>.</param>
/// <param name="Failures">The failures, with their codes.</param>
/// <param name="ErrorPaths">
/// The failures' paths as they may leave the process: JSON paths whose map keys and free-form member names are <c>*</c>
/// (see <see cref="Json.WirePaths.ForAudit"/>), one per failure.
/// </param>
/// <param name="Duration">How long the validation took.</param>
internal readonly record struct ValidationOutcome(
    string Schema,
    string? TenantId,
    string? ClaimedTenantId,
    string? Tier,
    IReadOnlyList<string> RuleSets,
    string Outcome,
    IReadOnlyList<ValidationFailure> Failures,
    IReadOnlyList<string> ErrorPaths,
    TimeSpan Duration);

/// <summary>
/// The audit writer: one record per validation, each carrying a MAC over the previous record's MAC and its own fields
/// (HMAC-SHA256 with the <see cref="AuditKey"/> registered in the container, plain SHA-256 without), and a checkpoint every
/// <see cref="AuditOptions.CheckpointInterval"/> records or <see cref="AuditOptions.CheckpointPeriod"/> and at
/// disposal, written to the <see cref="IAuditSink"/> and handed to every registered
/// <see cref="IAuditCheckpointStore"/>. Sequence numbers are assigned and events written under one lock, so
/// concurrent validations produce one gap-free chain in write order. Sink and store exceptions propagate (fail-closed).
/// </summary>
internal sealed class ValidationAuditor : IDisposable
{
    private const int LongestClaimedTenantId = 64;

    private readonly Lock _gate = new();
    private readonly AuditOptions _audit;
    private readonly string _schemaVersion;
    private readonly string _isolationLevel;
    private readonly IAuditSink _sink;
    private readonly IAuditCheckpointStore[] _stores;
    private readonly TimeProvider _time;
    private readonly AuditMac _mac;
    private readonly ITimer? _timer;
    private readonly byte[] _eventIdPrefix = RandomNumberGenerator.GetBytes(8);
    private readonly bool _active;
    private long _sequence;
    private string _previousMac = AuditMac.Genesis;
    private long _checkpointed;
    private DateTimeOffset _lastCheckpointAt;
    private Exception? _checkpointFailure;
    private bool _disposed;

    public ValidationAuditor(IOptions<TenancySchemaOptions> options, TimeProvider time, IAuditSink sink, IEnumerable<IAuditCheckpointStore> stores, IEnumerable<AuditKey> keys)
    {
        var settings = options.Value;
        _audit = settings.Audit;
        _schemaVersion = settings.SchemaVersion;
        _isolationLevel = Json.WireEnum<Isolation.IsolationLevel>.ToWireOrNumber(settings.IsolationLevel);
        _time = time;
        _sink = sink;
        _stores = [.. stores];
        _mac = new AuditMac(keys.LastOrDefault());
        ChainId = Guid.NewGuid().ToString("N");
        _lastCheckpointAt = time.GetUtcNow();

        // Without a log to write to, there is no chain to keep: the health check says so.
        _active = _audit.Enabled && sink.Problem is not { IsMissing: true };
        if (_active && _audit.CheckpointPeriod > TimeSpan.Zero)
        {
            _timer = time.CreateTimer(static state => ((ValidationAuditor)state!).OnTimer(), this, _audit.CheckpointPeriod, _audit.CheckpointPeriod);
        }
    }

    /// <summary>Gets the id of this writer's chain.</summary>
    public string ChainId { get; }

    public bool Enabled => _audit.Enabled;

    /// <summary>Writes the audit record of one validation: the one call the validation pipeline makes.</summary>
    public void Record(in ValidationOutcome outcome)
    {
        if (!_active)
        {
            return;
        }

        var errorCodes = outcome.Failures.Count == 0 ? [] : outcome.Failures.Select(f => f.ErrorCode ?? string.Empty).ToArray();
        var errorPaths = outcome.ErrorPaths;
        var tenant = outcome.TenantId ?? "unknown";
        var claimed = outcome.ClaimedTenantId is null || string.Equals(outcome.ClaimedTenantId, tenant, StringComparison.Ordinal)
            ? null
            : Shorten(outcome.ClaimedTenantId);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            var sequence = _sequence + 1;
            var record = new AuditRecord
            {
                EventId = EventId(sequence),
                Timestamp = FormatTimestamp(now),
                TenantId = tenant,
                ClaimedTenantId = claimed,
                Tier = outcome.Tier ?? "unknown",
                Schema = outcome.Schema,
                SchemaVersion = _schemaVersion,
                Outcome = outcome.Outcome,
                ErrorCodes = errorCodes,
                ErrorPaths = errorPaths,
                RuleSets = outcome.RuleSets,
                IsolationLevel = _isolationLevel,
                DurationMs = Math.Round(outcome.Duration.TotalMilliseconds, 4),
                CorrelationId = Activity.Current?.TraceId.ToHexString(),
                ChainId = ChainId,
                Sequence = sequence,
                KeyId = _mac.KeyId,
                PreviousMac = _previousMac,
                Mac = string.Empty,
            };
            record.SetMac(_mac.Compute(record));
            _sink.Write(record, now);

            // Only a written record advances the chain: a failed write leaves no gap.
            _sequence = sequence;
            _previousMac = record.Mac;
            if (CheckpointDue(now))
            {
                Checkpoint(now, final: false);
            }
        }
    }

    /// <summary>
    /// Whether audit records reach a log: writes a probe through the sink (the same level, source and path as records,
    /// outside the chain), and reports a missing logger, a logger that filters audit events out, a sink that throws,
    /// or a checkpoint that could not be written or stored.
    /// </summary>
    public (HealthStatus Status, string? Problem, Exception? Exception) Probe()
    {
        if (!_audit.Enabled)
        {
            return (HealthStatus.Healthy, null, null);
        }

        if (_sink.Problem is { } problem)
        {
            return (problem.IsMissing ? HealthStatus.Degraded : HealthStatus.Unhealthy, problem.Description, null);
        }

        lock (_gate)
        {
            try
            {
                _sink.WriteProbe(_time.GetUtcNow());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return (HealthStatus.Unhealthy, "The audit sink refuses events: " + Describe(exception), exception);
            }

            return _checkpointFailure is { } failure
                ? (HealthStatus.Unhealthy, "The last audit checkpoint could not be written or stored: " + Describe(failure), failure)
                : (HealthStatus.Healthy, null, null);
        }
    }

    /// <summary>Gets a value indicating whether the chain is authenticated with a key.</summary>
    public bool IsAuthenticated => _mac.KeyId is not null;

    /// <summary>Writes the chain's final checkpoint (the container disposes its singletons at shutdown); its failure propagates.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            try
            {
                if (_sequence > 0)
                {
                    Checkpoint(_time.GetUtcNow(), final: true);
                }
            }
            finally
            {
                _mac.Dispose();
            }
        }
    }

    internal static string FormatTimestamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    // The message of the error itself: Serilog wraps what an AuditTo sink throws in an AggregateException.
    internal static string Describe(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Describe(aggregate.InnerExceptions[0]) : exception.Message;

    private bool CheckpointDue(DateTimeOffset now) =>
        (_audit.CheckpointInterval > 0 && _sequence - _checkpointed >= _audit.CheckpointInterval)
        || (_audit.CheckpointPeriod > TimeSpan.Zero && _sequence > _checkpointed && now - _lastCheckpointAt >= _audit.CheckpointPeriod);

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_sequence == _checkpointed)
            {
                // Every record is covered as of now: the period of the next one starts when it is written.
                _lastCheckpointAt = _time.GetUtcNow();
                return;
            }

            try
            {
                Checkpoint(_time.GetUtcNow(), final: false);
            }
            catch (Exception exception)
            {
                // Nobody to throw to on a timer thread: the health check reports it, and the next record retries a
                // checkpoint that did not reach the log.
                _checkpointFailure = exception;
            }
        }
    }

    private void Checkpoint(DateTimeOffset now, bool final)
    {
        var checkpoint = new AuditCheckpoint
        {
            ChainId = ChainId,
            Sequence = _sequence,
            HeadMac = _previousMac,
            Timestamp = FormatTimestamp(now),
            KeyId = _mac.KeyId,
            IsFinal = final,
            Mac = string.Empty,
        };
        checkpoint = checkpoint with { Mac = _mac.Compute(checkpoint) };
        try
        {
            _sink.Write(checkpoint, now);
            _checkpointed = _sequence;
            _lastCheckpointAt = now;
            foreach (var store in _stores)
            {
                store.Save(checkpoint);
            }

            _checkpointFailure = null;
        }
        catch (Exception exception)
        {
            _checkpointFailure = exception;
            throw;
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

    // A claimed tenant id comes from the document, so its length is the document's: long ones are shortened as long
    // path segments are, their first 32 characters, "…" and 8 hexadecimal digits of their SHA-256.
    private static string Shorten(string value)
    {
        if (value.Length <= LongestClaimedTenantId)
        {
            return value;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        return string.Concat(value.AsSpan(0, 32), "…", Convert.ToHexStringLower(digest[..4]));
    }
}
