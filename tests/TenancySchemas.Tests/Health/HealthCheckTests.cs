using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Health;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task A_working_setup_is_healthy_and_reports_its_counts()
    {
        using var host = new ObservedHost();
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { TenantName = "X" });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Healthy);
        var entry = report.Entries["tenancy_schemas"];
        entry.Tags.Should().Contain("ready");
        entry.Data["validations"].Should().Be(2L);
        entry.Data["failed_validations"].Should().Be(1L);
    }

    [Fact]
    public async Task A_failing_audit_logger_is_unhealthy()
    {
        using var host = new ObservedHost(sink: new FailingSink(), auditTo: true);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["tenancy_schemas"].Description.Should().Contain("audit logger");
    }

    [Fact]
    public async Task Invalid_options_are_unhealthy_with_the_reason()
    {
        using var host = new ObservedHost(o => o.DefaultLocale = "it");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["tenancy_schemas"].Description.Should().Contain("DEFAULT_LOCALE");
    }
}
