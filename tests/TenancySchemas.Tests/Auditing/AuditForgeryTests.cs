using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Auditing;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Auditing;

/// <summary>
/// The forgeries of issue 22, done as an attacker who can edit the log but has neither the key nor the checkpoint
/// store would do them: every plain SHA-256 MAC that can be recomputed is recomputed (<see cref="Attacker"/>). The log
/// holds two runs of a keyed writer (two chains, a checkpoint every 10 records, a final checkpoint at each stop), and
/// every checkpoint was also handed to a store outside the log.
/// </summary>
public sealed class AuditForgeryTests
{
    private static readonly AuditKey Key = AuditKey.FromBytes(Encoding.UTF8.GetBytes("the application's secret audit key, 32+ bytes"));
    private static readonly Lazy<(string[] Log, AuditCheckpoint[] Store, string[] FirstRun)> Written = new(Write);

    private static string[] Log => Written.Value.Log;

    private static AuditCheckpoint[] Store => Written.Value.Store;

    private static string FirstChain => Attacker.Text(Attacker.Parse(Log[0]), "ChainId")!;

    private static string SecondChain => Attacker.Text(Attacker.Parse(Log[^1]), "ChainId")!;

    // Run 1: 40 validations; run 2: 30. Every 3rd is invalid.
    private static (string[], AuditCheckpoint[], string[]) Write()
    {
        var store = new ListStore();
        string[] Run(int count)
        {
            var host = new ObservedHost(
                o => o.Audit.CheckpointInterval = 10,
                register: services => services.AddSingleton(Key).AddSingleton<IAuditCheckpointStore>(store));
            for (var i = 0; i < count; i++)
            {
                host.Validator<TenantConfigSchema>().Validate(i % 3 == 0 ? Samples.Tenant() with { TenantName = "X" } : Samples.Tenant());
            }

            host.Dispose();
            return [.. host.Sink.Events.Select(AuditLog.Line)];
        }

        var first = Run(40);
        var second = Run(30);
        return ([.. first, .. second], [.. store.Saved], first);
    }

    private static AuditVerificationResult WithKey(IEnumerable<string> log) => AuditLog.Verify(log, new AuditVerificationOptions { Keys = [Key] });

    private static AuditVerificationResult WithCheckpoints(IEnumerable<string> log, bool key = false) =>
        AuditLog.Verify(log, new AuditVerificationOptions { Keys = key ? [Key] : [], Checkpoints = Store });

    private static AuditVerificationResult WithoutAnything(IEnumerable<string> log) => AuditLog.Verify(log, new AuditVerificationOptions());

    private static bool InChain(string line, string chain) => Attacker.Text(Attacker.Parse(line), "ChainId") == chain;

    private static long SequenceOf(string line) => Attacker.Parse(line)["Sequence"]!.GetValue<long>();

    [Fact]
    public void The_written_log_is_intact_with_the_key_and_with_the_checkpoints()
    {
        WithKey(Log).Should().Match<AuditVerificationResult>(r => r.IsIntact && r.IsAuthenticated && r.Records == 70 && r.Chains == 2 && r.Checkpoints == 9);
        WithCheckpoints(Log, key: true).IsIntact.Should().BeTrue();
        Store.Select(c => c.Sequence).Should().Equal(10, 20, 30, 40, 40, 10, 20, 30, 30);
    }

    [Fact]
    public void A_modified_record_with_every_later_mac_recomputed_is_detected_with_the_key()
    {
        // Record 16 of the second run was invalid; the attacker makes it valid and recomputes the chain from it.
        static bool Target(System.Text.Json.Nodes.JsonObject e) => Attacker.Text(e, "ChainId") == SecondChain && Attacker.IsRecord(e) && e["Sequence"]!.GetValue<long>() == 16;
        var edited = Attacker.Edit(Log, Target, e =>
        {
            e["Outcome"] = "valid";
            e["ErrorCodes"] = new System.Text.Json.Nodes.JsonArray();
            e["ErrorPaths"] = new System.Text.Json.Nodes.JsonArray();
        });
        var forged = Attacker.Recompute(edited, from: Target);
        var downgraded = Attacker.Recompute(RemoveKeyIds(edited));

        WithoutAnything(downgraded).Should().Match<AuditVerificationResult>(r => r.IsIntact && !r.IsAuthenticated, "what plain SHA-256 alone cannot tell");
        WithKey(forged).FirstBreak.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Modified && b.ChainId == SecondChain && b.Sequence == 16);
        WithKey(downgraded).Breaks.Should().HaveCount(2).And.OnlyContain(b => b.Kind == AuditBreakKind.Unauthenticated);
        WithCheckpoints(downgraded).Breaks.Should().Contain(b => b.Kind == AuditBreakKind.Modified && b.ChainId == SecondChain && b.Sequence == 30 && b.Description.Contains("differs from the checkpoint stored outside the log"));
    }

    [Fact]
    public void A_deleted_middle_record_with_the_rest_renumbered_and_recomputed_is_detected_with_the_key()
    {
        var renumbered = new List<string>();
        foreach (var line in Log)
        {
            var entry = Attacker.Parse(line);
            var inFirst = Attacker.Text(entry, "ChainId") == FirstChain && Attacker.IsRecord(entry);
            if (inFirst && entry["Sequence"]!.GetValue<long>() == 20)
            {
                continue;
            }

            if (inFirst && entry["Sequence"]!.GetValue<long>() > 20)
            {
                entry["Sequence"] = entry["Sequence"]!.GetValue<long>() - 1;
            }

            renumbered.Add(entry.ToJsonString());
        }

        // Everything of the first chain after record 19 is recomputed, its checkpoints included.
        var forged = Attacker.Recompute(renumbered, from: e => Attacker.Text(e, "ChainId") == FirstChain && e["Sequence"]!.GetValue<long>() >= 20);

        WithKey(forged).Breaks.Should().Contain(b => b.Kind == AuditBreakKind.Modified && b.ChainId == FirstChain && b.Sequence == 20)
            .And.OnlyContain(b => b.ChainId == FirstChain && b.Sequence >= 19);
        WithCheckpoints(Attacker.Recompute(RemoveKeyIds(renumbered))).Breaks.Should().Contain(b => b.ChainId == FirstChain && b.Kind == AuditBreakKind.Truncated && b.Description.Contains("holds sequence 40"));
    }

    [Fact]
    public void The_last_five_records_cut_with_the_checkpoints_after_them_are_detected_with_the_key_and_with_the_checkpoints()
    {
        // Records 26-30 of the second run and the checkpoints at 30 (periodic and final) go.
        var cut = Log.Where(l => !(InChain(l, SecondChain) && SequenceOf(l) > 25)).ToList();

        cut.Count.Should().Be(Log.Length - 7);
        WithKey(cut).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Truncated && b.ChainId == SecondChain && b.Sequence == 26);
        WithCheckpoints(Attacker.Recompute(RemoveKeyIds(cut))).Breaks.Should().Contain(b => b.Kind == AuditBreakKind.Truncated && b.ChainId == SecondChain && b.Description.Contains("the checkpoint store holds sequence 30"));
    }

    [Fact]
    public void A_forged_final_checkpoint_after_a_cut_does_not_authenticate()
    {
        var cut = Log.Where(l => !(InChain(l, SecondChain) && SequenceOf(l) > 25)).ToList();
        var final = Attacker.Parse(Log[^1]);
        final["Final"] = true;
        cut.Add(final.ToJsonString());
        var forged = Attacker.Recompute(cut, from: e => Attacker.IsCheckpoint(e) && e["Final"]!.GetValue<bool>() && Attacker.Text(e, "ChainId") == SecondChain);

        Attacker.Parse(forged[^1])["Sequence"]!.GetValue<long>().Should().Be(25, "the attacker closes the chain at its new end");
        WithKey(forged).Breaks.Select(b => b.Kind).Should().Equal(AuditBreakKind.Modified, AuditBreakKind.Truncated);
    }

    [Fact]
    public void A_dropped_chain_is_detected_with_the_checkpoints_and_not_by_the_key_alone()
    {
        var dropped = Log.Where(l => !InChain(l, FirstChain)).ToList();

        WithKey(dropped).IsIntact.Should().BeTrue("each chain stands alone: only a record kept elsewhere shows one is gone");
        WithCheckpoints(dropped, key: true).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Dropped && b.ChainId == FirstChain);
        WithCheckpoints(dropped).Breaks.Should().Contain(b => b.Kind == AuditBreakKind.Dropped && b.ChainId == FirstChain);
    }

    [Fact]
    public void A_made_up_chain_is_detected_with_the_key_and_with_the_checkpoints()
    {
        // The second run's lines, under a new chain id, every record valid, every MAC recomputed; the key id kept.
        var madeUp = Attacker.Recompute(Attacker.Edit(
            Log.Where(l => InChain(l, SecondChain)),
            _ => true,
            e =>
            {
                e["ChainId"] = "0123456789abcdef0123456789abcdef";
                if (Attacker.IsRecord(e))
                {
                    e["Outcome"] = "valid";
                }
            }));
        var log = Log.Concat(madeUp).ToList();

        WithKey(log).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Fabricated && b.ChainId == "0123456789abcdef0123456789abcdef");
        WithKey(Log.Concat(RemoveKeyIds(madeUp))).Breaks.Should().ContainSingle().Which.Kind.Should().Be(AuditBreakKind.Unauthenticated);
        WithCheckpoints(Log.Concat(RemoveKeyIds(madeUp))).Breaks.Should().Contain(b => b.Kind == AuditBreakKind.Fabricated && b.Description.Contains("unknown to the checkpoint store"));
    }

    [Fact]
    public void A_replayed_copy_of_a_chain_is_detected_with_the_key()
    {
        var replayed = Log.Concat(Written.Value.FirstRun).ToList();

        WithKey(replayed).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Replayed && b.ChainId == FirstChain && b.Sequence == 1);
        WithCheckpoints(replayed, key: true).Breaks.Select(b => b.Kind).Should().Equal(AuditBreakKind.Replayed);
    }

    [Fact]
    public void An_older_copy_of_the_log_is_detected_with_the_key_when_taken_while_a_writer_ran_and_always_with_the_checkpoints()
    {
        // Taken while the second run was at record 15 (after its checkpoint at 10).
        var whileRunning = Log.Where(l => !(InChain(l, SecondChain) && SequenceOf(l) > 15)).ToList();

        // Taken between the runs: complete and closed, but older.
        var betweenRuns = Written.Value.FirstRun;

        WithKey(whileRunning).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Truncated && b.Sequence == 16);
        WithKey(betweenRuns).IsIntact.Should().BeTrue("a complete older log is authentic: only the checkpoint store knows it is not the latest");
        WithCheckpoints(whileRunning, key: true).Breaks.Should().ContainSingle().Which.Description.Should().Contain("holds sequence 30").And.Contain("older copy");
        WithCheckpoints(betweenRuns, key: true).Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Dropped && b.ChainId == SecondChain);
    }

    [Fact]
    public void An_empty_log_is_reported_with_the_key_and_with_the_checkpoints()
    {
        WithKey([]).Breaks.Should().ContainSingle().Which.Kind.Should().Be(AuditBreakKind.Empty);
        WithoutAnything(["some other app's line"]).Should().Match<AuditVerificationResult>(r => !r.IsIntact && r.SkippedLines == 1 && r.FirstBreak!.Kind == AuditBreakKind.Empty);
        WithCheckpoints([], key: true).Breaks.Select(b => b.Kind).Should().BeEquivalentTo([AuditBreakKind.Dropped, AuditBreakKind.Dropped, AuditBreakKind.Empty]);
    }

    [Fact]
    public void A_changed_stored_checkpoint_does_not_authenticate()
    {
        var store = Store.Select(c => c.Sequence == 40 ? c with { Sequence = 41 } : c).ToArray();

        var result = AuditLog.Verify(Log, new AuditVerificationOptions { Keys = [Key], Checkpoints = store });

        result.Breaks.Should().HaveCount(2).And.OnlyContain(b => b.Kind == AuditBreakKind.Modified && b.Description.Contains("checkpoint store"));
    }

    private static List<string> RemoveKeyIds(IEnumerable<string> lines) => Attacker.Edit(lines, e => e.ContainsKey("KeyId"), e => e.Remove("KeyId"));

    private sealed class ListStore : IAuditCheckpointStore
    {
        public ConcurrentQueue<AuditCheckpoint> Saved { get; } = new();

        public void Save(AuditCheckpoint checkpoint) => Saved.Enqueue(checkpoint);
    }
}
