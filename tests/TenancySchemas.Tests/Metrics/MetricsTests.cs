using System.Text.RegularExpressions;
using TenancySchemas.Alerts;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Metrics;

/// <summary>prometheus-net instruments scraped from a private registry: names, labels and exact counts.</summary>
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

    [GeneratedRegex(@"[{,]([a-z_]+)=""")]
    private static partial Regex LabelNames();
}
