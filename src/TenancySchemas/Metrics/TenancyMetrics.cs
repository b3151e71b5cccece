using Microsoft.Extensions.Options;
using Prometheus;
using TenancySchemas.Auditing;

namespace TenancySchemas.Metrics;

/// <summary>
/// The prometheus-net instruments of TenancySchemas, in the registry the app scrapes. Labels stay bounded by the
/// number of schemas, tiers, outcomes and error codes: no tenant id, value or free text is ever a label.
/// </summary>
internal sealed class TenancyMetrics
{
    private static readonly double[] DurationBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly bool _enabled;
    private readonly Counter _validations;
    private readonly Counter _errors;
    private readonly Histogram _duration;
    private readonly LabelledChildren<Counter.Child> _validationsBy;
    private readonly LabelledChildren<Counter.Child> _errorsBy;
    private readonly LabelledChildren<Histogram.Child> _durationBy;
    private long _total;
    private long _failed;

    public TenancyMetrics(IOptions<TenancySchemaOptions> options)
    {
        var settings = options.Value;
        _enabled = settings.EnableMetrics;
        var factory = settings.MetricsRegistry is { } registry ? Prometheus.Metrics.WithCustomRegistry(registry) : Prometheus.Metrics.DefaultFactory;
        _validations = factory.CreateCounter("tenancy_schema_validations_total", "Validations by schema, tier and outcome.", ["schema", "tier", "outcome"]);
        _errors = factory.CreateCounter("tenancy_schema_validation_errors_total", "Validation failures by schema and error code.", ["schema", "code"]);
        _duration = factory.CreateHistogram("tenancy_schema_validation_duration_seconds", "Validation duration by schema.", new HistogramConfiguration
        {
            LabelNames = ["schema"],
            Buckets = DurationBuckets,
        });
        _validationsBy = new((schema, tier, outcome) => _validations.WithLabels(schema, tier, outcome));
        _errorsBy = new((schema, code, _) => _errors.WithLabels(schema, code));
        _durationBy = new((schema, _, _) => _duration.WithLabels(schema));
        RateLimited = factory.CreateCounter("tenancy_schema_rate_limited_total", "Validations rejected by the per-tenant rate limit, by tier.", ["tier"]);
        IsolationViolations = factory.CreateCounter("tenancy_schema_isolation_violations_total", "Tenant isolation violations by isolation level.", ["isolation_level"]);
    }

    public Counter RateLimited { get; }

    public Counter IsolationViolations { get; }

    /// <summary>Gets the validations counted since start (for the health check).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Gets the validations that were invalid or rejected (for the health check).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void RecordRateLimited(string? tier)
    {
        if (_enabled)
        {
            RateLimited.WithLabels(tier ?? "unknown").Inc();
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

        _validationsBy.Get(outcome.Schema, outcome.Tier ?? "unknown", outcome.Outcome).Inc();
        var isolationViolations = 0;
        for (var i = 0; i < outcome.Failures.Count; i++)
        {
            var code = outcome.Failures[i].ErrorCode ?? "unknown";
            _errorsBy.Get(outcome.Schema, code).Inc();
            if (code.StartsWith("tenancy.isolation.", StringComparison.Ordinal))
            {
                isolationViolations++;
            }
        }

        _durationBy.Get(outcome.Schema).Observe(outcome.Duration.TotalSeconds);
        if (isolationViolations > 0)
        {
            IsolationViolations.WithLabels(isolationLevel).Inc(isolationViolations);
        }
    }
}
