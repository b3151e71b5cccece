using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Auditing;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Auditing;

/// <summary>
/// Which breaks <see cref="AuditVerificationResult.Breaks"/> lists: every break counted can be listed, the findings of a
/// chain later judged made up as a whole give their places back, and the list is never empty for a broken log. The
/// made-up chains keep the genuine key id and are recomputed with plain SHA-256 (<see cref="Attacker"/>), so each of
/// their entries fails on its own before the chain is judged as a whole.
/// </summary>
public sealed class AuditBreakListTests
{
    private const string MadeUpChain = "0123456789abcdef0123456789abcdef";
    private static readonly AuditKey Key = AuditKey.FromBytes(Encoding.UTF8.GetBytes("the key of the break list tests, 32+ bytes"));
    private static readonly Lazy<(string[] Long, string[] Short)> Written = new(Write);

    // Two runs of a keyed writer: 250 validations (more than twice the 100 breaks listed) and 30, each closed by its
    // final checkpoint.
    private static (string[], string[]) Write()
    {
        string[] Run(int count)
        {
            var host = new ObservedHost(register: services => services.AddSingleton(Key));
            for (var i = 0; i < count; i++)
            {
                host.Validator<TenantConfigSchema>().Validate(i % 3 == 0 ? Samples.Tenant() with { TenantName = "X" } : Samples.Tenant());
            }

            host.Dispose();
            return [.. host.Sink.Events.Select(AuditLog.Line)];
        }

        return (Run(250), Run(30));
    }

    private static string ShortChain => Attacker.Text(Attacker.Parse(Written.Value.Short[0]), "ChainId")!;

    private static AuditVerificationResult WithKey(IEnumerable<string> log) => AuditLog.Verify(log, new AuditVerificationOptions { Keys = [Key] });

    // A run's lines under another chain id, every record made valid, every MAC recomputed with plain SHA-256, the key id kept.
    private static List<string> MadeUp(IEnumerable<string> run, string chainId = MadeUpChain) => Attacker.Recompute(Attacker.Edit(run, _ => true, e =>
    {
        e["ChainId"] = chainId;
        if (Attacker.IsRecord(e))
        {
            e["Outcome"] = "valid";
            e["ErrorCodes"] = new JsonArray();
            e["ErrorPaths"] = new JsonArray();
        }
    }));

    // The run's record at the sequence, changed in place and not recomputed.
    private static List<string> Modified(IEnumerable<string> run, long sequence) =>
        Attacker.Edit(run, e => Attacker.IsRecord(e) && e["Sequence"]!.GetValue<long>() == sequence, e => e["Tier"] = "enterprise-plus");

    [Fact]
    public void A_long_made_up_chain_with_the_genuine_key_id_is_listed_as_made_up()
    {
        var madeUp = MadeUp(Written.Value.Long);
        Attacker.Text(Attacker.Parse(madeUp[0]), "KeyId").Should().Be(Key.KeyId, "the attacker keeps the genuine key id");

        var result = WithKey(madeUp);

        result.IsIntact.Should().BeFalse();
        result.BreakCount.Should().Be(1);
        result.Breaks.Should().ContainSingle().Which.Should().Match<AuditBreak>(b =>
            b.Kind == AuditBreakKind.Fabricated && b.ChainId == MadeUpChain && b.Sequence == 1 && b.Line == 1 && b.Description.Contains("none of its 251 entries authenticates"));
    }

    [Fact]
    public void A_long_made_up_chain_before_a_genuine_chain_with_a_modified_record_leaves_room_for_the_modification()
    {
        var log = MadeUp(Written.Value.Long).Concat(Modified(Written.Value.Short, 17)).ToList();

        var result = WithKey(log);

        result.BreakCount.Should().Be(2);
        result.Breaks.Should().SatisfyRespectively(
            b => b.Should().Match<AuditBreak>(x => x.Kind == AuditBreakKind.Fabricated && x.ChainId == MadeUpChain && x.Line == 1),
            b => b.Should().Match<AuditBreak>(x => x.Kind == AuditBreakKind.Modified && x.ChainId == ShortChain && x.Sequence == 17 && x.Line == 251 + 17));
    }

    [Fact]
    public void A_modification_between_the_lines_of_a_long_made_up_chain_is_listed_in_the_order_of_the_log()
    {
        // The genuine chain's lines come after the made-up chain's 100th line: both chains are open while each is read.
        var madeUp = MadeUp(Written.Value.Long);
        var log = madeUp.Take(100).Concat(Modified(Written.Value.Short, 3)).Concat(madeUp.Skip(100)).ToList();

        var result = WithKey(log);

        result.Breaks.Select(b => (b.Kind, b.ChainId, b.Sequence)).Should().Equal(
            (AuditBreakKind.Fabricated, MadeUpChain, 1L),
            (AuditBreakKind.Modified, ShortChain, 3L));
    }

    [Fact]
    public void Many_made_up_chains_list_the_first_hundred_in_the_order_of_the_log_and_count_all()
    {
        // 150 made-up chains of 3 records each, one after the other, then the genuine chain with a modified record.
        var run = Written.Value.Long.Where(l => Attacker.IsRecord(Attacker.Parse(l))).Take(3).ToList();
        var chains = Enumerable.Range(0, 150).Select(i => $"{i:x32}").ToList();
        var log = chains.SelectMany(id => MadeUp(run, id)).Concat(Modified(Written.Value.Short, 5)).ToList();

        var result = WithKey(log);

        result.BreakCount.Should().Be(151);
        result.Breaks.Should().HaveCount(100);
        result.Breaks.Select(b => (b.Kind, b.ChainId, b.Line)).Should().Equal(chains.Take(100).Select((id, i) => (AuditBreakKind.Fabricated, (string?)id, (long?)(3 * i) + 1)));
    }

    [Fact]
    public void A_genuine_chain_whose_first_records_were_all_changed_lists_them_in_order()
    {
        // Records 1 to 150 of the long run fail; the rest still authenticate, so the chain is genuine and every failure counts.
        var log = Written.Value.Long.Take(150).Select(l => l.Replace("\"Outcome\":\"", "\"Outcome\":\"x", StringComparison.Ordinal)).Concat(Written.Value.Long.Skip(150)).ToList();

        var result = WithKey(log);

        result.BreakCount.Should().Be(150);
        result.Breaks.Should().HaveCount(100);
        result.Breaks.Select(b => (b.Kind, b.Sequence)).Should().Equal(Enumerable.Range(1, 100).Select(i => (AuditBreakKind.Modified, (long?)i)));
    }

    [Fact]
    public void Every_broken_log_lists_as_many_breaks_as_it_counts_up_to_one_hundred()
    {
        var madeUp = MadeUp(Written.Value.Long);
        List<List<string>> logs =
        [
            madeUp,
            [.. madeUp, .. Modified(Written.Value.Short, 17)],
            [.. Modified(Written.Value.Short, 17), .. madeUp],
            [.. madeUp.Take(240), .. Written.Value.Short],
            [.. madeUp, .. madeUp],
            [.. Written.Value.Short.Take(10), .. madeUp, .. Written.Value.Short.Skip(10)],
        ];

        foreach (var log in logs)
        {
            var result = WithKey(log);
            result.IsIntact.Should().BeFalse();
            result.Breaks.Should().HaveCount((int)Math.Min(result.BreakCount, 100));
        }
    }
}
