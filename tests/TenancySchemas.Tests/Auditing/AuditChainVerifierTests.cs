using Serilog.Events;
using Serilog.Formatting.Compact;
using TenancySchemas.Alerts;
using TenancySchemas.Auditing;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.Auditing;

/// <summary>The verifier on an intact chain written by 4 threads, and on copies with one record modified, deleted, inserted or swapped.</summary>
public sealed class AuditChainVerifierTests
{
    private static readonly Lazy<string[]> Chain = new(WriteChain);

    // 10,000 validations from 4 threads, written as CLEF lines in the order the sink received them.
    private static string[] WriteChain()
    {
        using var host = new ObservedHost();
        var tenant = host.Validator<TenantConfigSchema>();
        var alert = host.Validator<AlertSchema>();
        Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 2 == 0)
            {
                tenant.Validate(Samples.Tenant((TenantType)(i % 4)) with { TenantId = $"tenant_{i % 97}" });
            }
            else
            {
                alert.Validate(Samples.Alert() with { Name = i % 3 == 0 ? "x" : "High CPU" });
            }
        });

        return [.. host.Sink.Events.Select(Clef)];
    }

    private static string Clef(LogEvent e)
    {
        using var writer = new StringWriter();
        new CompactJsonFormatter().Format(e, writer);
        return writer.ToString().TrimEnd();
    }

    private static AuditVerificationResult Verify(IEnumerable<string> lines) => AuditChainVerifier.VerifyClef(new StringReader(string.Join('\n', lines)));

    [Fact]
    public void Ten_thousand_concurrent_validations_form_one_gap_free_intact_chain()
    {
        var result = Verify(Chain.Value);

        result.IsIntact.Should().BeTrue();
        (result.Records, result.Chains).Should().Be((10_000, 1));
        Chain.Value.Select(l => AuditChainVerifier.ReadClefLine(l)!.Sequence).Should().Equal(Enumerable.Range(1, 10_000).Select(i => (long)i));
    }

    [Fact]
    public void A_modified_record_is_reported_at_its_sequence()
    {
        var lines = Chain.Value.ToArray();
        lines[4_321] = lines[4_321].Replace("\"Outcome\":\"invalid\"", "\"Outcome\":\"valid\"", StringComparison.Ordinal).Replace("\"Outcome\":\"valid\"", "\"Outcome\":\"rejected\"", StringComparison.Ordinal);

        var result = Verify(lines);

        (result.IsIntact, result.Kind, result.BrokenSequence).Should().Be((false, AuditBreakKind.Modified, 4_322L));
    }

    [Fact]
    public void A_deleted_record_is_reported_at_its_sequence()
    {
        var result = Verify(Chain.Value.Where((_, i) => i != 7_000));

        (result.Kind, result.BrokenSequence).Should().Be((AuditBreakKind.Deleted, 7_001L));
    }

    [Fact]
    public void An_inserted_record_is_reported_where_it_was_inserted()
    {
        var lines = Chain.Value.ToList();
        lines.Insert(2_500, lines[100]);

        var result = Verify(lines);

        (result.Kind, result.BrokenSequence, result.Position).Should().Be((AuditBreakKind.Inserted, 2_501L, 2_501));
    }

    [Fact]
    public void A_forged_record_with_the_next_sequence_is_reported_as_inserted()
    {
        var lines = Chain.Value.ToList();
        var forged = lines[2_500].Replace("\"TenantId\":", "\"TenantId\":\"forged\",\"X\":", StringComparison.Ordinal);
        lines.Insert(2_500, forged);

        var result = Verify(lines);

        (result.Kind, result.BrokenSequence).Should().Be((AuditBreakKind.Inserted, 2_501L));
    }

    [Fact]
    public void Two_swapped_records_are_reported_as_reordered()
    {
        var lines = Chain.Value.ToArray();
        (lines[9_000], lines[9_001]) = (lines[9_001], lines[9_000]);

        var result = Verify(lines);

        (result.Kind, result.BrokenSequence).Should().Be((AuditBreakKind.Reordered, 9_001L));
    }

    [Fact]
    public void Other_log_events_in_the_file_are_skipped_and_garbage_is_unreadable()
    {
        var lines = Chain.Value.Take(10).Append("{\"@t\":\"2026-11-26T12:00:00Z\",\"@mt\":\"unrelated\"}").ToArray();

        Verify(lines).Should().Match<AuditVerificationResult>(r => r.IsIntact && r.Records == 10);
        Verify([.. lines, "not json"]).Kind.Should().Be(AuditBreakKind.Unreadable);
    }
}
