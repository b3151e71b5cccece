using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TenancySchemas.Auditing;

namespace TenancySchemas.Metrics;

/// <summary>
/// The instruments of TenancySchemas, on the <c>TenancySchemas</c> meter created through the container's
/// <see cref="IMeterFactory"/>, and their bridge to prometheus-net. Tags stay bounded by the number of schemas, tiers,
/// outcomes, error codes and isolation levels: no tenant id, value or free text is ever a tag.
/// </summary>
/// <remarks>
/// The instrument names map to today's prometheus-net names under OpenTelemetry's Prometheus naming rules
/// (<c>tenancy.schema.validations</c> with unit <c>{validation}</c> is <c>tenancy_schema_validations_total</c>).
/// </remarks>
internal sealed class TenancyMetrics : IDisposable
{
    public const string MeterName = "TenancySchemas";

    public const string SchemaTag = "schema";
    public const string TierTag = "tier";
    public const string OutcomeTag = "outcome";
    public const string CodeTag = "code";
    public const string IsolationLevelTag = "isolation_level";

    /// <summary>The duration buckets, in seconds: advice for every listener, and the prometheus-net histogram's buckets.</summary>
    public static readonly double[] DurationBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly bool _enabled;
    private readonly PrometheusBridge? _bridge;
    private long _total;
    private long _failed;

    public TenancyMetrics(IOptions<TenancySchemaOptions> options, IMeterFactory meterFactory, IServiceProvider services)
    {
        _enabled = options.Value.EnableMetrics;
        var meter = meterFactory.Create(new MeterOptions(MeterName) { Version = typeof(TenancyMetrics).Assembly.GetName().Version?.ToString() });
        Validations = meter.CreateCounter<long>("tenancy.schema.validations", "{validation}", "Validations by schema, tier and outcome.");
        ValidationErrors = meter.CreateCounter<long>("tenancy.schema.validation.errors", "{error}", "Validation failures by schema and error code.");
        ValidationDuration = meter.CreateHistogram("tenancy.schema.validation.duration", "s", "Validation duration by schema.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        RateLimited = meter.CreateCounter<long>("tenancy.schema.rate_limited", "{validation}", "Validations rejected by the per-tenant rate limit, by tier.");
        IsolationViolations = meter.CreateCounter<long>("tenancy.schema.isolation_violations", "{violation}", "Tenant isolation violations by isolation level.");

        if (_enabled)
        {
            _bridge = new PrometheusBridge(this, services.GetService<Prometheus.CollectorRegistry>() ?? Prometheus.Metrics.DefaultRegistry);
        }
    }

    public Counter<long> Validations { get; }

    public Counter<long> ValidationErrors { get; }

    public Histogram<double> ValidationDuration { get; }

    public Counter<long> RateLimited { get; }

    public Counter<long> IsolationViolations { get; }

    /// <summary>Gets the validations counted since start (for the health check).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Gets the validations that were invalid or rejected (for the health check).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void RecordRateLimited(string? tier)
    {
        if (_enabled)
        {
            RateLimited.Add(1, new KeyValuePair<string, object?>(TierTag, tier ?? "unknown"));
        }
    }

    public void Record(in ValidationOutcome outcome, string isolationLevel)
    {
        Interlocked.Increment(ref _total);
        if (outcome.Outcome != "valid")
        {
            Interlocked.Increment(ref _failed);
        }

        if (!_enabled)
        {
            return;
        }

        var schema = new KeyValuePair<string, object?>(SchemaTag, outcome.Schema);
        Validations.Add(1, schema, new(TierTag, outcome.Tier ?? "unknown"), new(OutcomeTag, outcome.Outcome));
        var isolationViolations = 0;
        for (var i = 0; i < outcome.Failures.Count; i++)
        {
            var code = outcome.Failures[i].ErrorCode ?? "unknown";
            ValidationErrors.Add(1, schema, new(CodeTag, code));
            if (code.StartsWith("tenancy.isolation.", StringComparison.Ordinal))
            {
                isolationViolations++;
            }
        }

        ValidationDuration.Record(outcome.Duration.TotalSeconds, schema);
        if (isolationViolations > 0)
        {
            IsolationViolations.Add(isolationViolations, new KeyValuePair<string, object?>(IsolationLevelTag, isolationLevel));
        }
    }

    public void Dispose() => _bridge?.Dispose();
}
