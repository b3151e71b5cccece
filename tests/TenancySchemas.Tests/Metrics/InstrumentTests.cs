using System.Diagnostics.Metrics;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TenancySchemas.Alerts;
using TenancySchemas.Auditing;
using TenancySchemas.Isolation;
using TenancySchemas.Metrics;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Metrics;

/// <summary>The System.Diagnostics.Metrics instruments of the TenancySchemas meter, as an OpenTelemetry listener sees them.</summary>
public sealed class InstrumentTests
{
    private static MetricCollector<T> Collect<T>(ObservedHost host, string instrument)
        where T : struct =>
        new(host.Services.GetRequiredService<IMeterFactory>(), "TenancySchemas", instrument);

    private static Dictionary<string, object?> Tags(params (string Key, object? Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value);

    [Fact]
    public void Validations_are_counted_by_schema_tier_and_outcome()
    {
        using var host = new ObservedHost();
        using var collector = Collect<long>(host, "tenancy.schema.validations");
        var tenants = host.Validator<TenantConfigSchema>();

        tenants.Validate(Samples.Tenant());
        tenants.Validate(Samples.Tenant());
        tenants.Validate(Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 11 } });
        host.Validator<AlertSchema>().Validate(Samples.Alert(), new TenancyValidationContext { Tier = TenantType.Standard });

        collector.Instrument!.Unit.Should().Be("{validation}");
        collector.Instrument.Description.Should().Be("Validations by schema, tier and outcome.");
        collector.Instrument.Should().BeOfType<Counter<long>>();
        var measurements = collector.GetMeasurementSnapshot();
        measurements.Should().OnlyContain(m => m.Value == 1);
        measurements.Select(m => m.Tags).Should().BeEquivalentTo(new[]
        {
            Tags(("schema", "tenant_config"), ("tier", "enterprise"), ("outcome", "valid")),
            Tags(("schema", "tenant_config"), ("tier", "enterprise"), ("outcome", "valid")),
            Tags(("schema", "tenant_config"), ("tier", "trial"), ("outcome", "invalid")),
            Tags(("schema", "alert"), ("tier", "standard"), ("outcome", "valid")),
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Validation_errors_are_counted_by_schema_and_code()
    {
        using var host = new ObservedHost();
        using var collector = Collect<long>(host, "tenancy.schema.validation.errors");

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 11 }, TenantName = "X" });
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        collector.Instrument!.Unit.Should().Be("{error}");
        collector.Instrument.Description.Should().Be("Validation failures by schema and error code.");
        var measurements = collector.GetMeasurementSnapshot();
        measurements.Should().OnlyContain(m => m.Value == 1);
        measurements.Select(m => m.Tags).Should().BeEquivalentTo(new[]
        {
            Tags(("schema", "tenant_config"), ("code", "LengthValidator")),
            Tags(("schema", "tenant_config"), ("code", TenancyErrorCodes.TierQuotaExceeded)),
        });
    }

    [Fact]
    public async Task Validation_duration_is_a_histogram_in_seconds_by_schema_with_the_exposition_buckets_as_advice()
    {
        using var host = new ObservedHost();
        using var collector = Collect<double>(host, "tenancy.schema.validation.duration");

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
        host.Validator<AlertSchema>().Validate(Samples.Alert());
        var histogram = collector.Instrument.Should().BeOfType<Histogram<double>>().Subject;
        histogram.Record(0.004, new KeyValuePair<string, object?>("schema", "compliance"));

        histogram.Unit.Should().Be("s");
        histogram.Description.Should().Be("Validation duration by schema.");
        histogram.Advice!.HistogramBucketBoundaries.Should().Equal(
            0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1);
        var measurements = collector.GetMeasurementSnapshot();
        measurements.Select(m => m.Tags).Should().BeEquivalentTo(new[] { Tags(("schema", "tenant_config")), Tags(("schema", "alert")), Tags(("schema", "compliance")) });
        measurements.Should().OnlyContain(m => m.Value >= 0);

        // What a listener sees is what prometheus-net exposes.
        var text = await host.ScrapeAsync();
        Exposition.Value(text, "tenancy_schema_validation_duration_seconds_sum{schema=\"alert\"}").Should().Be(measurements[1].Value);
        Exposition.Value(text, "tenancy_schema_validation_duration_seconds_bucket{schema=\"compliance\",le=\"0.0025\"}").Should().Be(0);
        Exposition.Value(text, "tenancy_schema_validation_duration_seconds_bucket{schema=\"compliance\",le=\"0.005\"}").Should().Be(1);
    }

    [Fact]
    public void Rate_limited_validations_are_counted_by_tier()
    {
        using var host = new ObservedHost();
        using var collector = Collect<long>(host, "tenancy.schema.rate_limited");
        var metrics = host.Services.GetRequiredService<TenancyMetrics>();

        // Whoever refuses a validation for its tenant's rate (the edge, not Validate) reports it through this call.
        metrics.RecordRateLimited("trial");
        metrics.RecordRateLimited("trial");
        metrics.RecordRateLimited(null);

        collector.Instrument!.Unit.Should().Be("{validation}");
        collector.Instrument.Description.Should().Be("Validations rejected by the per-tenant rate limit, by tier.");
        collector.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["tier"], m.Tags.Count)).Should().Equal((1L, "trial", 1), (1L, "trial", 1), (1L, "unknown", 1));
    }

    [Fact]
    public void Isolation_violations_are_counted_by_isolation_level()
    {
        using var host = new ObservedHost(o => o.IsolationLevel = IsolationLevel.Strict);
        using var collector = Collect<long>(host, "tenancy.schema.isolation_violations");
        var tenants = host.Validator<TenantConfigSchema>();

        tenants.Validate(Samples.Tenant(), new TenancyValidationContext { ExpectedTenantId = "acme_01" });
        tenants.Validate(Samples.Tenant(), new TenancyValidationContext { ExpectedTenantId = "globex_02" })
            .ShouldHaveFailure(TenancyErrorCodes.TenantMismatch);

        collector.Instrument!.Unit.Should().Be("{violation}");
        collector.Instrument.Description.Should().Be("Tenant isolation violations by isolation level.");
        collector.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["isolation_level"])).Should().Equal((1L, "strict"));
    }

    [Fact]
    public void The_instruments_are_created_on_the_containers_meter_factory_and_never_carry_a_tenant_id()
    {
        using var host = new ObservedHost();
        using var other = new ObservedHost();
        using var collector = Collect<long>(host, "tenancy.schema.validations");

        other.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { TenantId = "tenant_marker_7c1f" });
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { TenantId = "tenant_marker_7c1f" });

        collector.Instrument!.Meter.Name.Should().Be("TenancySchemas");
        collector.GetMeasurementSnapshot().Should().ContainSingle("the other container's meter is another meter")
            .Which.Tags.Values.Should().NotContain("tenant_marker_7c1f");
    }

    [Fact]
    public void With_metrics_switched_off_nothing_is_measured()
    {
        using var host = new ObservedHost(o => o.EnableMetrics = false);
        using var validations = Collect<long>(host, "tenancy.schema.validations");
        using var rateLimited = Collect<long>(host, "tenancy.schema.rate_limited");
        var metrics = host.Services.GetRequiredService<TenancyMetrics>();

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
        metrics.RecordRateLimited("trial");

        validations.GetMeasurementSnapshot().Should().BeEmpty();
        rateLimited.GetMeasurementSnapshot().Should().BeEmpty();
        metrics.Total.Should().Be(1, "the health check still counts validations");
    }

    [Fact]
    public void Recording_a_validation_and_forwarding_it_to_prometheus_net_does_not_allocate()
    {
        using var host = new ObservedHost();
        var metrics = host.Services.GetRequiredService<TenancyMetrics>();
        var outcome = default(ValidationOutcome) with
        {
            Schema = "alert",
            Tier = "enterprise",
            RuleSets = [],
            Outcome = "invalid",
            Failures = [new ValidationFailure("TenantId", "another tenant") { ErrorCode = TenancyErrorCodes.TenantMismatch }],
            Duration = TimeSpan.FromMilliseconds(1),
        };
        for (var i = 0; i < 100; i++)
        {
            metrics.Record(outcome, "strict");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            metrics.Record(outcome, "strict");
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
