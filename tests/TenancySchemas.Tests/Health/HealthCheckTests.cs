using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using TenancySchemas.Auditing;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Auditing;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Health;

public sealed class HealthCheckTests
{
    private static HealthReportEntry Check(IServiceProvider services) =>
        services.GetRequiredService<HealthCheckService>().CheckHealthAsync().GetAwaiter().GetResult().Entries["tenancy_schemas"];

    private static ObservedHost WithLogger(ILogger logger) => new(register: services => services.AddSingleton(logger));

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
        entry.Data["audit_authenticated"].Should().Be(false);
    }

    [Fact]
    public void The_probe_reaches_the_sink_like_a_record_marked_as_a_probe_and_outside_the_chain()
    {
        using var host = new ObservedHost();
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        Check(host.Services).Status.Should().Be(HealthStatus.Healthy);
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        var probe = host.Sink.Events.Should().ContainSingle(e => e.Properties.ContainsKey("AuditProbe")).Subject;
        probe.Level.Should().Be(LogEventLevel.Information);
        probe.Properties["SourceContext"].ToString().Should().Be("\"TenancySchemas.Audit\"");
        AuditLog.Verify(host.Sink.ToClef()).Should().Match<AuditVerificationResult>(r => r.IsIntact && r.Records == 2 && r.SkippedLines == 1);
    }

    [Fact]
    public void A_failing_AuditTo_sink_at_the_default_level_is_unhealthy()
    {
        // Serilog's default minimum level is Information: a probe below it never reached the sink.
        using var host = WithLogger(new LoggerConfiguration().AuditTo.Sink(new FailingSink()).CreateLogger());

        Check(host.Services).Should().Match<HealthReportEntry>(e => e.Status == HealthStatus.Unhealthy && e.Description!.Contains("audit sink refuses events: disk full"));
    }

    [Fact]
    public void An_audit_file_on_a_full_disk_is_unhealthy()
    {
        if (!File.Exists("/dev/full"))
        {
            return;
        }

        var logger = new LoggerConfiguration().AuditTo.File(new CompactJsonFormatter(), "/dev/full").CreateLogger();
        using (var host = WithLogger(logger))
        {
            Check(host.Services).Should().Match<HealthReportEntry>(e => e.Status == HealthStatus.Unhealthy && e.Description!.Contains("No space left on device"));
        }

        // The file sink flushes again when it is closed, and fails again.
        FluentActions.Invoking(logger.Dispose).Should().Throw<IOException>();
    }

    [Fact]
    public void A_failing_sink_with_the_verbose_level_is_unhealthy()
    {
        using var host = new ObservedHost(sink: new FailingSink(), auditTo: true);

        Check(host.Services).Should().Match<HealthReportEntry>(e => e.Status == HealthStatus.Unhealthy && e.Description!.Contains("audit sink refuses events: disk full"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_logger_that_drops_audit_events_by_level_is_unhealthy(bool byOverride)
    {
        var configuration = new LoggerConfiguration().WriteTo.Sink(new CollectingSink());
        configuration = byOverride ? configuration.MinimumLevel.Override("TenancySchemas", LogEventLevel.Warning) : configuration.MinimumLevel.Warning();
        using var host = WithLogger(configuration.CreateLogger());

        Check(host.Services).Should().Match<HealthReportEntry>(e => e.Status == HealthStatus.Unhealthy && e.Description!.Contains("drops Information events"));
    }

    [Fact]
    public void Without_a_logger_auditing_is_degraded_saying_why_and_validation_works()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddTenancySchemas(o => o.DefaultTier = TenancySchemas.Tiers.TenantType.Enterprise);
        services.AddLogging();
        services.AddHealthChecks().AddTenancySchemasCheck();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<FluentValidation.IValidator<TenantConfigSchema>>().Validate(Samples.Tenant()).IsValid.Should().BeTrue();
        Check(provider).Should().Match<HealthReportEntry>(e => e.Status == HealthStatus.Degraded
            && e.Description!.Contains("no Serilog.ILogger is registered") && e.Description.Contains("services.AddSingleton<Serilog.ILogger>(logger)"));
    }

    [Fact]
    public void With_auditing_off_no_probe_is_written()
    {
        using var host = new ObservedHost(o => o.Audit.Enabled = false, sink: new FailingSink(), auditTo: true);

        Check(host.Services).Status.Should().Be(HealthStatus.Healthy);
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
