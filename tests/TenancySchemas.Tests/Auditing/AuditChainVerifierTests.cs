using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Auditing;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.Auditing;

/// <summary>
/// The verifier on an intact keyed chain written by 4 threads (with its checkpoints and final checkpoint), and on copies
/// with records modified, deleted, inserted or swapped, other events mixed in, and with the wrong key or none.
/// </summary>
public sealed class AuditChainVerifierTests
{
    private static readonly AuditKey Key = AuditKey.FromBytes(Encoding.UTF8.GetBytes("a test key of at least thirty-two bytes"));
    private static readonly Lazy<string[]> Chain = new(WriteChain);

    // 10,000 validations from 4 threads, written as CLEF lines in the order the sink received them, then the host is
    // stopped: a checkpoint every 1,000 records and the final one.
    private static string[] WriteChain()
    {
        var host = new ObservedHost(o => o.Audit.CheckpointInterval = 1_000, register: services => services.AddSingleton(Key));
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

        host.Dispose();
        return [.. host.Sink.Events.Select(AuditLog.Line)];
    }

    private static AuditVerificationResult Verify(IEnumerable<string> lines, params AuditKey[] keys) =>
        AuditLog.Verify(lines, new AuditVerificationOptions { Keys = keys.Length == 0 ? [Key] : keys });

    private static int LineOf(IList<string> lines, long sequence) =>
        lines.Select((line, index) => (Record: AuditChainVerifier.ReadClefLine(line), index)).First(l => l.Record?.Sequence == sequence).index;

    [Fact]
    public void Ten_thousand_concurrent_validations_form_one_gap_free_chain_that_is_intact_and_authenticated()
    {
        var result = Verify(Chain.Value);

        result.Should().Match<AuditVerificationResult>(r => r.IsIntact && r.IsAuthenticated && r.BreakCount == 0 && r.Breaks.Count == 0);
        (result.Records, result.Checkpoints, result.Chains, result.OpenChains, result.SkippedLines).Should().Be((10_000L, 11L, 1, 0, 0L));
        Chain.Value.Select(AuditChainVerifier.ReadClefLine).OfType<AuditRecord>().Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, 10_000).Select(i => (long)i));
    }

    [Fact]
    public void A_modified_record_is_reported_at_its_sequence_and_line()
    {
        var lines = Chain.Value.ToArray();
        var at = LineOf(lines, 4_322);
        lines[at] = lines[at].Replace("\"Outcome\":\"invalid\"", "\"Outcome\":\"valid\"", StringComparison.Ordinal).Replace("\"Outcome\":\"valid\"", "\"Outcome\":\"rejected\"", StringComparison.Ordinal);

        var result = Verify(lines);

        result.IsIntact.Should().BeFalse();
        result.Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Modified && b.Sequence == 4_322 && b.Line == at + 1);
    }

    [Fact]
    public void A_deleted_record_is_reported_at_its_sequence()
    {
        var lines = Chain.Value.ToList();
        lines.RemoveAt(LineOf(lines, 7_001));

        Verify(lines).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Deleted && b.Sequence == 7_001);
    }

    [Fact]
    public void A_copied_record_is_reported_as_inserted_where_it_was_inserted()
    {
        var lines = Chain.Value.ToList();
        var at = LineOf(lines, 2_501);
        lines.Insert(at, lines[LineOf(lines, 101)]);

        Verify(lines).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Inserted && b.Sequence == 101 && b.Line == at + 1);
    }

    [Fact]
    public void A_forged_record_with_the_next_sequence_is_reported_as_inserted()
    {
        var lines = Chain.Value.ToList();
        var at = LineOf(lines, 2_501);
        lines.Insert(at, lines[at].Replace("\"TenantId\":", "\"TenantId\":\"forged\",\"X\":", StringComparison.Ordinal));

        Verify(lines).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Inserted && b.Sequence == 2_501);
    }

    [Fact]
    public void Two_swapped_records_are_reported_as_reordered()
    {
        var lines = Chain.Value.ToArray();
        var at = LineOf(lines, 9_001);
        (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]);

        Verify(lines).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Reordered && b.Sequence == 9_001);
    }

    [Fact]
    public void A_duplicated_property_is_unreadable_so_that_a_viewer_and_the_verifier_cannot_read_different_values()
    {
        var lines = Chain.Value.ToArray();
        var at = LineOf(lines, 50);
        lines[at] = lines[at].Replace("\"AuditEventId\":", "\"Outcome\":\"valid\",\"AuditEventId\":", StringComparison.Ordinal);

        var result = Verify(lines);

        result.Breaks.Select(b => b.Kind).Should().Equal(AuditBreakKind.Unreadable, AuditBreakKind.Deleted);
        result.Breaks[0].Description.Should().Contain("'Outcome' is repeated");
    }

    [Fact]
    public void Other_events_text_and_probes_in_a_shared_log_are_skipped_and_counted()
    {
        var other = new[]
        {
            "{\"@t\":\"2026-11-26T12:00:00Z\",\"@mt\":\"unrelated\",\"ChainId\":\"not ours\",\"Mac\":\"x\"}",
            "plain text from another logger",
            "{\"@t\":\"2026-11-26T12:00:00Z\",\"@mt\":\"TenancySchemas audit health probe\",\"AuditProbe\":true,\"SourceContext\":\"TenancySchemas.Audit\"}",
            "{\"@t\":\"2026-11-26T12:00:00Z\",\"@mt\":\"torn\",\"SourceContext\":\"TenancySchemas.Au",
            "[1, 2, 3]",
            string.Empty,
        };
        var lines = Chain.Value.Take(100).Concat(other).Concat(Chain.Value.Skip(100)).ToList();

        var result = Verify(lines);

        result.Should().Match<AuditVerificationResult>(r => r.IsIntact && r.Records == 10_000 && r.SkippedLines == 5);
    }

    [Fact]
    public void An_overlong_line_is_skipped_in_bounded_memory()
    {
        var lines = Chain.Value.Take(50).Append(new string('x', 3 << 20)).Concat(Chain.Value.Skip(50));

        var result = Verify(lines);

        result.Should().Match<AuditVerificationResult>(r => r.IsIntact && r.SkippedLines == 1);
    }

    [Fact]
    public void Another_key_is_reported_as_a_wrong_key_and_no_key_asks_for_one()
    {
        var other = AuditKey.FromBytes(new byte[32]);

        var wrong = Verify(Chain.Value, other);
        var none = AuditLog.Verify(Chain.Value);

        wrong.Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.WrongKey && b.Description.Contains(Key.KeyId) && b.Description.Contains(other.KeyId));
        none.Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.WrongKey && b.Description.Contains("give that key"));
        (wrong.IsAuthenticated, none.IsAuthenticated).Should().Be((false, false));
    }

    [Fact]
    public void A_rotated_key_is_found_by_its_id_among_several()
    {
        Verify(Chain.Value, AuditKey.FromBytes(new byte[32]), Key).Should().Match<AuditVerificationResult>(r => r.IsIntact && r.IsAuthenticated);
    }

    [Fact]
    public void A_chain_written_without_a_key_verifies_but_is_reported_unauthenticated()
    {
        using var host = new ObservedHost();
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { TenantName = "X" });

        var result = AuditLog.Verify(host.Sink.ToClef());

        result.Should().Match<AuditVerificationResult>(r => r.IsIntact && !r.IsAuthenticated && r.Records == 2 && r.OpenChains == 1);
    }

    [Fact]
    public void A_chain_still_being_written_is_truncated_unless_open_chains_are_allowed()
    {
        using var host = new ObservedHost(register: services => services.AddSingleton(Key));
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        var strict = AuditLog.Verify(host.Sink.ToClef(), new AuditVerificationOptions { Keys = [Key] });
        var open = AuditLog.Verify(host.Sink.ToClef(), new AuditVerificationOptions { Keys = [Key], AllowOpenChains = true });

        strict.Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Truncated && b.Sequence == 2);
        open.Should().Match<AuditVerificationResult>(r => r.IsIntact && r.OpenChains == 1);
    }

    [Fact]
    public void Checkpoints_are_read_back_from_a_store_file_and_from_a_log()
    {
        var fromLog = AuditChainVerifier.ReadCheckpoints(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', Chain.Value)))).ToList();
        var storeFile = string.Join('\n', fromLog.Select(c => c.ToJson()));
        var fromFile = AuditChainVerifier.ReadCheckpoints(new MemoryStream(Encoding.UTF8.GetBytes("not a checkpoint\n" + storeFile))).ToList();

        fromLog.Select(c => c.Sequence).Should().Equal(1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000, 10_000);
        fromLog[^1].IsFinal.Should().BeTrue();
        fromFile.Should().Equal(fromLog);
    }

    [Fact]
    public void Null_arguments_are_programmer_errors()
    {
        FluentActions.Invoking(() => AuditChainVerifier.VerifyClef(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => AuditChainVerifier.ReadCheckpoints(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => AuditChainVerifier.ReadClefLine(null!)).Should().Throw<ArgumentNullException>();
    }
}
