using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Metrics;

/// <summary>The prometheus-net exposition, scraped from the registry in the container: names, types, labels and exact counts.</summary>
public sealed partial class MetricsTests
{
    private static double Value(string exposition, string series) => Exposition.Value(exposition, series);

    [Fact]
    public async Task A_known_mix_of_validations_gives_exact_counts()
    {
        using var host = new ObservedHost();
        var tenants = host.Validator<TenantConfigSchema>();
        var alerts = host.Validator<AlertSchema>();

        for (var i = 0; i < 7; i++)
        {
            tenants.Validate(Samples.Tenant());
        }

        for (var i = 0; i < 3; i++)
        {
            tenants.Validate(Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 11 }, TenantName = "X" });
        }

        alerts.Validate(Samples.Alert(), new TenancyValidationContext { Tier = TenantType.Standard });
        host.Json.ReadAndValidate("{"u8, tenants);

        var text = await host.ScrapeAsync();

        Value(text, "tenancy_schema_validations_total{schema=\"tenant_config\",tier=\"enterprise\",outcome=\"valid\"}").Should().Be(7);
        Value(text, "tenancy_schema_validations_total{schema=\"tenant_config\",tier=\"trial\",outcome=\"invalid\"}").Should().Be(3);
        Value(text, "tenancy_schema_validations_total{schema=\"alert\",tier=\"standard\",outcome=\"valid\"}").Should().Be(1);
        Value(text, "tenancy_schema_validations_total{schema=\"tenant_config\",tier=\"unknown\",outcome=\"invalid\"}").Should().Be(1);
        Value(text, "tenancy_schema_validation_errors_total{schema=\"tenant_config\",code=\"tenancy.tier.quota_exceeded\"}").Should().Be(3);
        Value(text, "tenancy_schema_validation_errors_total{schema=\"tenant_config\",code=\"LengthValidator\"}").Should().Be(3);
        Value(text, "tenancy_schema_validation_errors_total{schema=\"tenant_config\",code=\"tenancy.json.malformed\"}").Should().Be(1);
        Value(text, "tenancy_schema_validation_duration_seconds_count{schema=\"tenant_config\"}").Should().Be(11);
        text.Should().Contain("tenancy_schema_validation_duration_seconds_bucket{schema=\"tenant_config\",le=\"1e-05\"}")
            .And.Contain("tenancy_schema_validation_duration_seconds_bucket{schema=\"tenant_config\",le=\"1\"}");
        text.Should().Contain("# TYPE tenancy_schema_rate_limited_total counter").And.Contain("# TYPE tenancy_schema_isolation_violations_total counter");
    }

    [Fact]
    public async Task Counts_are_exact_from_parallel_threads_and_match_the_audit_events()
    {
        using var host = new ObservedHost();
        var tenants = host.Validator<TenantConfigSchema>();

        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            tenants.Validate(i % 4 == 0 ? Samples.Tenant() with { CountryCode = "xx" } : Samples.Tenant()));

        var text = await host.ScrapeAsync();
        Value(text, "tenancy_schema_validations_total{schema=\"tenant_config\",tier=\"enterprise\",outcome=\"valid\"}").Should().Be(1_500);
        Value(text, "tenancy_schema_validations_total{schema=\"tenant_config\",tier=\"enterprise\",outcome=\"invalid\"}").Should().Be(500);
        host.Sink.Events.Should().HaveCount(2_000);
    }

    [Fact]
    public async Task No_label_carries_a_tenant_id_or_a_value()
    {
        using var host = new ObservedHost();

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { TenantId = "tenant_marker_7c1f", TenantName = "Name marker 9d2e", CountryCode = "zz" });

        var text = await host.ScrapeAsync();
        text.Should().NotContain("tenant_marker_7c1f").And.NotContain("marker 9d2e").And.NotContain("zz");
        LabelNames().Matches(text).Select(m => m.Groups[1].Value).Distinct().Should().BeSubsetOf(["schema", "tier", "outcome", "code", "le", "isolation_level"]);
    }

    [Fact]
    public async Task Metrics_can_be_switched_off()
    {
        using var host = new ObservedHost(o => o.EnableMetrics = false);

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        (await host.ScrapeAsync()).Should().NotContain("tenancy_schema_validations_total{");
    }

    [Fact]
    public async Task The_exposition_keeps_its_names_help_types_labels_and_buckets()
    {
        using var host = new ObservedHost(o => o.IsolationLevel = TenancySchemas.Isolation.IsolationLevel.Strict);
        var tenants = host.Validator<TenantConfigSchema>();
        tenants.Validate(Samples.Tenant(), new TenancyValidationContext { ExpectedTenantId = "acme_01" });
        tenants.Validate(Samples.Tenant() with { CountryCode = "xx" }, new TenancyValidationContext { ExpectedTenantId = "globex_02" });
        host.Services.GetRequiredService<TenancySchemas.Metrics.TenancyMetrics>().RecordRateLimited("trial");

        var text = await host.ScrapeAsync();

        var families = text.Split('\n').Where(l => l.StartsWith("# ", StringComparison.Ordinal) && l.Contains(" tenancy_schema_", StringComparison.Ordinal));
        families.Should().Equal(
            "# HELP tenancy_schema_validations_total Validations by schema, tier and outcome.",
            "# TYPE tenancy_schema_validations_total counter",
            "# HELP tenancy_schema_validation_errors_total Validation failures by schema and error code.",
            "# TYPE tenancy_schema_validation_errors_total counter",
            "# HELP tenancy_schema_validation_duration_seconds Validation duration by schema.",
            "# TYPE tenancy_schema_validation_duration_seconds histogram",
            "# HELP tenancy_schema_rate_limited_total Validations rejected by the per-tenant rate limit, by tier.",
            "# TYPE tenancy_schema_rate_limited_total counter",
            "# HELP tenancy_schema_isolation_violations_total Tenant isolation violations by isolation level.",
            "# TYPE tenancy_schema_isolation_violations_total counter");
        var series = SeriesNames().Matches(text).Select(m => m.Groups[1].Value + "{" + string.Join(",", LabelNames().Matches(m.Value).Select(l => l.Groups[1].Value)) + "}").Distinct();
        series.Should().BeEquivalentTo(
            "tenancy_schema_validations_total{schema,tier,outcome}",
            "tenancy_schema_validation_errors_total{schema,code}",
            "tenancy_schema_validation_duration_seconds_sum{schema}",
            "tenancy_schema_validation_duration_seconds_count{schema}",
            "tenancy_schema_validation_duration_seconds_bucket{schema,le}",
            "tenancy_schema_rate_limited_total{tier}",
            "tenancy_schema_isolation_violations_total{isolation_level}");
        BucketBounds().Matches(text).Select(m => m.Groups[1].Value).Distinct().Should().Equal(
            "1e-05", "2.5e-05", "5e-05", "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "+Inf");
        Value(text, "tenancy_schema_validations_total{schema=\"tenant_config\",tier=\"enterprise\",outcome=\"invalid\"}").Should().Be(1);
        Value(text, "tenancy_schema_validation_errors_total{schema=\"tenant_config\",code=\"tenancy.isolation.tenant_mismatch\"}").Should().Be(1);
        Value(text, "tenancy_schema_isolation_violations_total{isolation_level=\"strict\"}").Should().Be(1);
        Value(text, "tenancy_schema_rate_limited_total{tier=\"trial\"}").Should().Be(1);
        Value(text, "tenancy_schema_validation_duration_seconds_count{schema=\"tenant_config\"}").Should().Be(2);
    }

    [Fact]
    public async Task Two_containers_writing_to_one_registry_count_each_validation_once()
    {
        var shared = Prometheus.Metrics.NewCustomRegistry();
        ServiceProvider Build() => new ServiceCollection()
            .AddSingleton(shared)
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddTenancySchemas(o => { o.Audit.Enabled = false; o.DefaultTier = TenantType.Enterprise; })
            .BuildServiceProvider();
        using var first = Build();
        using var second = Build();

        for (var i = 0; i < 3; i++)
        {
            first.GetRequiredService<FluentValidation.IValidator<TenantConfigSchema>>().Validate(Samples.Tenant());
        }

        second.GetRequiredService<FluentValidation.IValidator<TenantConfigSchema>>().Validate(Samples.Tenant());
        second.GetRequiredService<FluentValidation.IValidator<TenantConfigSchema>>().Validate(Samples.Tenant());

        using var stream = new MemoryStream();
        await shared.CollectAndExportAsTextAsync(stream);
        Value(System.Text.Encoding.UTF8.GetString(stream.ToArray()), "tenancy_schema_validations_total{schema=\"tenant_config\",tier=\"enterprise\",outcome=\"valid\"}").Should().Be(5);
    }

    [Fact]
    public async Task Without_a_registry_in_the_container_the_default_registry_gets_the_counts()
    {
        const string series = "tenancy_schema_validations_total{schema=\"tenant_config\",tier=\"professional\",outcome=\"invalid\"}";
        async Task<double> Scrape()
        {
            using var stream = new MemoryStream();
            await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
            return Value(System.Text.Encoding.UTF8.GetString(stream.ToArray()), series);
        }

        var before = await Scrape();
        using (var provider = new ServiceCollection()
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddTenancySchemas(o => o.Audit.Enabled = false)
            .BuildServiceProvider())
        {
            var validator = provider.GetRequiredService<FluentValidation.IValidator<TenantConfigSchema>>();
            for (var i = 0; i < 4; i++)
            {
                validator.Validate(Samples.Tenant(TenantType.Professional) with { CountryCode = "xx" });
            }
        }

        // Other tests may count into the default registry at the same time: a counter only grows.
        (await Scrape()).Should().BeGreaterThanOrEqualTo(before + 4);
    }

    [GeneratedRegex(@"^(tenancy_schema_[a-z_]+)\{[^}]*\}", RegexOptions.Multiline)]
    private static partial Regex SeriesNames();

    [GeneratedRegex(@"le=""([^""]+)""")]
    private static partial Regex BucketBounds();

    [GeneratedRegex(@"[{,]([a-z_]+)=""")]
    private static partial Regex LabelNames();
}
