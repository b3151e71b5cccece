using System.Diagnostics.Metrics;
using Prometheus;

namespace TenancySchemas.Metrics;

/// <summary>
/// Forwards every measurement of one <see cref="TenancyMetrics"/>'s instruments to prometheus-net collectors with
/// the names, types and labels the library has always exposed. prometheus-net's own meter adapter would export
/// counters as gauges without <c>_total</c>, listen only from the first scrape and drop series after five minutes.
/// </summary>
/// <remarks>
/// The listener subscribes to these instrument objects only, so a second container in the process (its own meter from
/// its own factory) never doubles a count. Collectors with the same name in one registry are shared by prometheus-net.
/// Labelled children are cached by their label values: forwarding a measurement does not allocate.
/// </remarks>
internal sealed class PrometheusBridge : IDisposable
{
    private readonly MeterListener _listener = new();

    public PrometheusBridge(TenancyMetrics metrics, CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var forwarders = new Dictionary<Instrument, Forwarder>
        {
            [metrics.Validations] = new CounterForwarder(factory.CreateCounter(
                "tenancy_schema_validations_total", "Validations by schema, tier and outcome.",
                [TenancyMetrics.SchemaTag, TenancyMetrics.TierTag, TenancyMetrics.OutcomeTag])),
            [metrics.ValidationErrors] = new CounterForwarder(factory.CreateCounter(
                "tenancy_schema_validation_errors_total", "Validation failures by schema and error code.",
                [TenancyMetrics.SchemaTag, TenancyMetrics.CodeTag])),
            [metrics.ValidationDuration] = new HistogramForwarder(factory.CreateHistogram(
                "tenancy_schema_validation_duration_seconds", "Validation duration by schema.",
                new HistogramConfiguration { LabelNames = [TenancyMetrics.SchemaTag], Buckets = TenancyMetrics.DurationBuckets })),
            [metrics.RateLimited] = new CounterForwarder(factory.CreateCounter(
                "tenancy_schema_rate_limited_total", "Validations rejected by the per-tenant rate limit, by tier.",
                [TenancyMetrics.TierTag])),
            [metrics.IsolationViolations] = new CounterForwarder(factory.CreateCounter(
                "tenancy_schema_isolation_violations_total", "Tenant isolation violations by isolation level.",
                [TenancyMetrics.IsolationLevelTag])),
        };

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (forwarders.TryGetValue(instrument, out var forwarder))
            {
                listener.EnableMeasurementEvents(instrument, forwarder);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((Forwarder)state!).Forward(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((Forwarder)state!).Forward(value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>One instrument's collector: finds the labelled child of a measurement's tags and adds the value to it.</summary>
    private abstract class Forwarder(string[] labelNames)
    {
        public abstract void Forward(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

        protected string Label(ReadOnlySpan<KeyValuePair<string, object?>> tags, int index)
        {
            if (index >= labelNames.Length)
            {
                return string.Empty;
            }

            var name = labelNames[index];

            // TenancyMetrics passes the tags in label order with the same key instances: the first look nearly always hits.
            if (index < tags.Length && ReferenceEquals(tags[index].Key, name))
            {
                return Text(tags[index].Value);
            }

            foreach (var tag in tags)
            {
                if (string.Equals(tag.Key, name, StringComparison.Ordinal))
                {
                    return Text(tag.Value);
                }
            }

            return string.Empty;
        }

        private static string Text(object? value) => value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private sealed class CounterForwarder(Counter counter) : Forwarder(counter.LabelNames)
    {
        private readonly LabelledChildren<Counter.Child> _children = new((first, second, third) => counter.WithLabels(Values(counter.LabelNames, first, second, third)));

        public override void Forward(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            _children.Get(Label(tags, 0), Label(tags, 1), Label(tags, 2)).Inc(value);
    }

    private sealed class HistogramForwarder(Histogram histogram) : Forwarder(histogram.LabelNames)
    {
        private readonly LabelledChildren<Histogram.Child> _children = new((first, second, third) => histogram.WithLabels(Values(histogram.LabelNames, first, second, third)));

        public override void Forward(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            _children.Get(Label(tags, 0), Label(tags, 1), Label(tags, 2)).Observe(value);
    }

    private static string[] Values(string[] labelNames, string first, string second, string third) =>
        [.. new[] { first, second, third }.Take(labelNames.Length)];
}
