using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using TenancySchemas.Auditing;
using TenancySchemas.Tests.Support;
using Xunit.Abstractions;
using TenantType = TenancySchemas.Tiers.TenantType;

namespace TenancySchemas.Tests.Robustness;

/// <summary>
/// Several threads validating a mix of tenants, tiers and schemas with auditing and metrics on: every call is accounted
/// for once in the audit log and the counters, the audit chain verifies, and nothing throws.
/// </summary>
public sealed partial class LoadTests(ITestOutputHelper output)
{
    private const int Threads = 4;
    private const int PerThread = 1500;
    private const int Tenants = 40;

    [Fact]
    public async Task Concurrent_mixed_validations_are_each_audited_and_counted_once_and_the_chain_verifies()
    {
        var tiers = TenancySchemas.Tiers.TierProfile.AllTiers;
        using var host = new ObservedHost(o =>
        {
            for (var t = 0; t < Tenants; t++)
            {
                o.TenantTiers[$"load_tenant_{t:D2}"] = tiers[t % tiers.Count];
            }
        });

        // Each document once per tenant: its tenant_id replaced, its markers planted.
        var marker = 0;
        var documents = BundledDocuments.All
            .Where(d => d.Schema != "tenant-config-update")
            .Select(d => (d.Schema, Text: BundledDocuments.PlantMarkers(BundledDocuments.Text(d.File), ref marker)))
            .ToArray();
        var tally = new ConcurrentDictionary<string, int>();
        long failures = 0;
        var unexpected = new ConcurrentQueue<Exception>();
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var (schema, text) = documents[(thread * 7 + i) % documents.Length];
                var tenant = $"load_tenant_{(thread * 13 + i * 3) % Tenants:D2}";
                var utf8 = Encoding.UTF8.GetBytes(TenantId().Replace(text, $"\"tenant_id\":\"{tenant}\""));
                try
                {
                    // Tenant configs carry their own tier; the others take the tenant's tier from TenantTiers.
                    var (value, errors) = BundledDocuments.ReadAndValidate(host.Services, schema, utf8, tier: null);
                    tally.AddOrUpdate(value is not null && errors.All(e => e.Severity != FluentValidation.Severity.Error) ? "valid" : "invalid", 1, (_, n) => n + 1);
                    Interlocked.Add(ref failures, errors.Count);
                }
                catch (Exception exception)
                {
                    unexpected.Enqueue(exception);
                }
            }
        })));

        watch.Stop();
        unexpected.Should().BeEmpty();
        var total = Threads * PerThread;
        tally.Values.Sum().Should().Be(total);

        // Audit: one event per call, outcomes as tallied, one gap-free chain that verifies.
        var events = host.Sink.Events.ToArray();
        events.Should().HaveCount(total);
        foreach (var outcome in tally.Keys)
        {
            events.Count(e => e.Properties["Outcome"].ToString().Trim('"') == outcome).Should().Be(tally[outcome], $"{outcome} events");
        }

        var eventIds = events.Select(e => e.Properties["AuditEventId"].ToString().Trim('"')).ToArray();
        eventIds.Should().OnlyHaveUniqueItems("event ids are unique across concurrent writers");
        eventIds.Where(id => !Guid.TryParse(id, out var parsed) || parsed == Guid.Empty).Should().BeEmpty("event ids are GUIDs");
        var clef = host.Sink.ToClef(events.OrderBy(e => long.Parse(e.Properties["Sequence"].ToString(), System.Globalization.CultureInfo.InvariantCulture)));
        var verification = TenancySchemas.Tests.Auditing.AuditLog.Verify(clef);
        verification.IsIntact.Should().BeTrue(verification.FirstBreak?.Description);
        verification.Records.Should().Be(total);

        // Metrics: the counters add up to the same numbers.
        var metrics = await host.ScrapeAsync();
        foreach (var outcome in tally.Keys)
        {
            Exposition.Sum(metrics, "tenancy_schema_validations_total", $"outcome=\"{outcome}\"").Should().Be(tally[outcome], $"{outcome} validations counted");
        }

        Exposition.Sum(metrics, "tenancy_schema_rate_limited_total").Should().Be(tally.GetValueOrDefault("rejected"));
        Exposition.Sum(metrics, "tenancy_schema_validation_errors_total").Should().Be(Interlocked.Read(ref failures), "every failure counted once");
        Regex.IsMatch(clef + metrics, "mk[0-9]+x").Should().BeFalse("no document value reaches the audit log or the metrics");

        output.WriteLine($"{total} validations on {Threads} threads in {watch.Elapsed.TotalSeconds:F2} s ({total / watch.Elapsed.TotalSeconds:F0}/s): " +
            string.Join(", ", tally.OrderBy(kv => kv.Key).Select(kv => $"{kv.Value} {kv.Key}")) + $"; {failures} failures; chain of {verification.Records} intact");
    }

    [GeneratedRegex("\"tenant_id\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex TenantId();
}
