using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog.Events;
using TenancySchemas.Auditing;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Auditing;

/// <summary>Checkpoints every N records, every T of the injected clock, and at shutdown; in the log and in the app's store.</summary>
public sealed class AuditCheckpointTests
{
    private static string Kind(LogEvent e) => e.Properties.ContainsKey("CheckpointMac") ? $"c{e.Properties["Sequence"]}" : $"r{e.Properties["Sequence"]}";

    private static ObservedHost Host(Store store, int interval, TimeSpan period) => new(
        o =>
        {
            o.Audit.CheckpointInterval = interval;
            o.Audit.CheckpointPeriod = period;
        },
        register: services => services.AddSingleton<IAuditCheckpointStore>(store));

    private static void Validate(ObservedHost host, int times)
    {
        for (var i = 0; i < times; i++)
        {
            host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
        }
    }

    [Fact]
    public void Every_n_records_a_checkpoint_follows_in_the_log_and_goes_to_the_store_and_disposal_closes_the_chain()
    {
        var store = new Store();
        var host = Host(store, 3, TimeSpan.Zero);

        Validate(host, 7);
        var running = host.Sink.Events.Select(Kind).ToArray();
        host.Dispose();

        running.Should().Equal("r1", "r2", "r3", "c3", "r4", "r5", "r6", "c6", "r7");
        host.Sink.Events.Select(Kind).Last().Should().Be("c7");
        store.Saved.Select(c => (c.Sequence, c.IsFinal)).Should().Equal((3, false), (6, false), (7, true));
        var last = host.Sink.Events.Last();
        store.Saved.Last().Should().Match<AuditCheckpoint>(c => c.HeadMac == ((ScalarValue)host.Sink.Events.Where(e => e.Properties.ContainsKey("Mac")).Last().Properties["Mac"]).Value as string
            && c.Mac == (string)((ScalarValue)last.Properties["CheckpointMac"]).Value! && c.Timestamp == "2026-11-26T12:00:00.0000000Z");
        AuditLog.Verify(host.Sink.ToClef(), new AuditVerificationOptions { Checkpoints = store.Saved })
            .Should().Match<AuditVerificationResult>(r => r.IsIntact && r.Checkpoints == 3 && r.OpenChains == 0);
    }

    [Fact]
    public void After_the_period_of_the_injected_clock_a_checkpoint_covers_the_records_written_since_the_last()
    {
        var store = new Store();
        using var host = Host(store, 0, TimeSpan.FromSeconds(10));

        Validate(host, 2);
        host.Clock.Advance(TimeSpan.FromSeconds(9));
        var early = store.Saved.Count;
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        Validate(host, 1);
        host.Clock.Advance(TimeSpan.FromSeconds(10));

        early.Should().Be(0);
        store.Saved.Select(c => (c.Sequence, c.Timestamp)).Should().Equal((2, "2026-11-26T12:00:10.0000000Z"), (3, "2026-11-26T12:00:50.0000000Z"));
        host.Sink.Events.Select(Kind).Should().Equal("r1", "r2", "c2", "r3", "c3");
    }

    [Fact]
    public async Task A_failing_store_fails_the_validation_that_needed_the_checkpoint_and_the_health_check_until_one_is_stored()
    {
        var store = new Store { Failing = true };
        using var host = Host(store, 2, TimeSpan.Zero);
        var health = host.Services.GetRequiredService<HealthCheckService>();

        Validate(host, 1);
        var act = () => Validate(host, 1);

        act.Should().Throw<IOException>().WithMessage("store unreachable");
        (await health.CheckHealthAsync()).Entries["tenancy_schemas"].Should().Match<HealthReportEntry>(e => e.Status == HealthStatus.Unhealthy && e.Description!.Contains("store unreachable"));
        store.Failing = false;
        Validate(host, 2);
        (await health.CheckHealthAsync()).Status.Should().Be(HealthStatus.Healthy);
        store.Saved.Select(c => c.Sequence).Should().Equal(4);
        AuditLog.Verify(host.Sink.ToClef()).Should().Match<AuditVerificationResult>(r => r.IsIntact && r.Records == 4, "the record was written before its checkpoint failed");
    }

    [Fact]
    public async Task A_store_failing_on_the_timer_is_reported_by_the_health_check_and_throws_nowhere()
    {
        var store = new Store { Failing = true };
        using var host = Host(store, 0, TimeSpan.FromSeconds(5));

        Validate(host, 1);
        host.Clock.Advance(TimeSpan.FromSeconds(5));

        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status.Should().Be(HealthStatus.Unhealthy);
        store.Failing = false;
    }

    [Fact]
    public void A_writer_that_wrote_nothing_writes_no_checkpoint()
    {
        var store = new Store();
        var host = Host(store, 3, TimeSpan.FromSeconds(1));
        host.Clock.Advance(TimeSpan.FromSeconds(5));

        host.Dispose();

        host.Sink.Events.Should().BeEmpty();
        store.Saved.Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1, 10, "Audit:CheckpointInterval '-1'")]
    [InlineData(10, -1, "Audit:CheckpointPeriod '-00:00:01'")]
    public void Negative_checkpoint_settings_fail_at_start_naming_the_setting(int interval, int seconds, string named)
    {
        using var host = new ObservedHost(o =>
        {
            o.Audit.CheckpointInterval = interval;
            o.Audit.CheckpointPeriod = TimeSpan.FromSeconds(seconds);
        });

        var act = () => host.Services.GetRequiredService<IOptions<TenancySchemaOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().Contain(named);
    }

    private sealed class Store : IAuditCheckpointStore
    {
        public ConcurrentQueue<AuditCheckpoint> Saved { get; } = new();

        public bool Failing { get; set; }

        public void Save(AuditCheckpoint checkpoint)
        {
            if (Failing)
            {
                throw new IOException("store unreachable");
            }

            Saved.Enqueue(checkpoint);
        }
    }
}
