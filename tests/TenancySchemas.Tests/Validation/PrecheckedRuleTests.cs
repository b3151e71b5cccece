using CsCheck;
using TenancySchemas.Alerts;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Validation;

/// <summary>
/// Rules over the items of a list or a nested record skip FluentValidation's pass over them when a precheck finds every
/// check passing (a performance measure). Whatever mix of good and bad values they hold, each bad one must still be
/// reported at its own path (an empty entry may fail two checks), and good ones not at all: in the document, in a
/// nested record, in a list of nested records and in a tier's rule set.
/// </summary>
public sealed class PrecheckedRuleTests : IDisposable
{
    private readonly TestHost _host = new();

    // Items known good or bad by construction; the expected failures are the indices of the bad ones.
    private static readonly string[] GoodRecipients = ["ops@acme.example", "#alerts", "oncall", "a.b@x.io"];
    private static readonly string[] BadRecipients = ["", "broken@", "two@@acme.example"];
    private static readonly int[] GoodDays = [0, 3, 6];
    private static readonly int[] BadDays = [-1, 7, 99];

    private static Gen<(T Item, bool Bad)[]> Items<T>(T[] good, T[] bad) =>
        Gen.Frequency((3, Gen.Int[0, good.Length - 1].Select(i => (good[i], false))), (1, Gen.Int[0, bad.Length - 1].Select(i => (bad[i], true)))).Array[0, 12];

    private static string[] BadPaths<T>(string prefix, (T Item, bool Bad)[] items) =>
        [.. items.Select((item, index) => (item.Bad, Path: $"{prefix}[{index}]")).Where(x => x.Bad).Select(x => x.Path)];

    private string[] FailingPaths<T>(T document, TenantType tier, string prefix) =>
        [.. _host.Validator<T>().Validate(document, new TenancyValidationContext { Tier = tier }).Errors
            .Select(e => e.PropertyName)
            .Where(p => p.StartsWith(prefix + "[", StringComparison.Ordinal) && !p[prefix.Length..].Contains('.', StringComparison.Ordinal))
            .Distinct()];

    [Fact]
    public void Each_bad_recipient_of_an_alert_is_reported_at_its_index() =>
        Items(GoodRecipients, BadRecipients).Sample(items =>
        {
            var alert = Samples.Alert() with { Recipients = [.. items.Select(i => i.Item)] };

            FailingPaths(alert, TenantType.Enterprise, "Recipients").Should().Equal(BadPaths("Recipients", items));
        }, iter: 300);

    [Fact]
    public void Each_bad_recipient_of_an_escalation_step_is_reported_at_its_index() =>
        Items(GoodRecipients, BadRecipients).Sample(items =>
        {
            var step = new AlertEscalation { Level = EscalationLevel.L1, Channels = [AlertChannel.Email], Recipients = [.. items.Select(i => i.Item)] };
            var alert = Samples.Alert() with { Escalations = [step] };

            FailingPaths(alert, TenantType.Enterprise, "Escalations[0].Recipients").Should().Equal(BadPaths("Escalations[0].Recipients", items));
        }, iter: 300);

    [Fact]
    public void Each_channel_a_trial_tenant_may_not_use_is_reported_at_its_index()
    {
        var allowed = Enum.GetValues<AlertChannel>().Where(c => TierProfile.DefaultTrial.AlertChannels.Contains(c.ToString().ToLowerInvariant())).ToArray();
        var refused = Enum.GetValues<AlertChannel>().Except(allowed).ToArray();
        allowed.Should().NotBeEmpty();
        refused.Should().NotBeEmpty();

        Items(allowed, refused).Sample(items =>
        {
            var alert = Samples.Alert() with { NotificationChannels = [.. items.Select(i => i.Item)] };

            FailingPaths(alert, TenantType.Trial, "NotificationChannels").Should().Equal(BadPaths("NotificationChannels", items));
        }, iter: 300);
    }

    [Fact]
    public void Each_bad_suppression_day_is_reported_at_its_index() =>
        Items(GoodDays, BadDays).Sample(items =>
        {
            var alert = Samples.Alert() with { Suppression = new AlertSuppression { DaysOfWeek = [.. items.Select(i => i.Item)] } };

            FailingPaths(alert, TenantType.Enterprise, "Suppression.DaysOfWeek").Should().Equal(BadPaths("Suppression.DaysOfWeek", items));
        }, iter: 300);

    [Fact]
    public void Each_bad_ip_whitelist_entry_of_a_tenant_config_is_reported_at_its_index() =>
        Items(["10.0.0.1", "192.168.0.0/16", "2001:db8::/32"], ["", "300.1.1.1", "10.0.0.0/40", "not an ip"]).Sample(items =>
        {
            var tenant = Samples.Tenant() with { Security = new TenantSecurityConfig { IpWhitelist = [.. items.Select(i => i.Item)] } };

            FailingPaths(tenant, TenantType.Enterprise, "Security.IpWhitelist").Should().Equal(BadPaths("Security.IpWhitelist", items));
        }, iter: 300);

    // One member of a nested record: its path under the prefix and its good and bad values.
    private sealed record Member<TRecord>(string Path, object?[] Good, object?[] Bad, Func<TRecord, object?, TRecord> Set);

    private static Gen<(TRecord Record, string[] BadPaths)> Records<TRecord>(TRecord start, params Member<TRecord>[] members) =>
        Gen.Int[0, int.MaxValue].Array[members.Length].Select(picks =>
        {
            var record = start;
            var bad = new List<string>();
            for (var i = 0; i < members.Length; i++)
            {
                var member = members[i];
                var isBad = picks[i] % 3 == 0;
                var pool = isBad ? member.Bad : member.Good;
                record = member.Set(record, pool[picks[i] / 3 % pool.Length]);
                if (isBad)
                {
                    bad.Add(member.Path);
                }
            }

            return (record, bad.ToArray());
        });

    private string[] FailingMembers<T>(T document, string prefix) =>
        [.. _host.Validator<T>().Validate(document, new TenancyValidationContext { Tier = TenantType.Enterprise }).Errors
            .Select(e => e.PropertyName)
            .Where(p => p.StartsWith(prefix + ".", StringComparison.Ordinal))
            .Select(p => p[(prefix.Length + 1)..])
            .Distinct()];

    [Fact]
    public void Each_bad_member_of_the_alert_metrics_is_reported_at_its_path() =>
        Records(
            new AlertMetrics(),
            new Member<AlertMetrics>("ResponseTimeMs", [null, 0.0, 12.5], [-1.0, -0.01], (m, v) => m with { ResponseTimeMs = (double?)v }),
            new Member<AlertMetrics>("ResolutionTimeMs", [null, 3600.0], [-5.0], (m, v) => m with { ResolutionTimeMs = (double?)v }),
            new Member<AlertMetrics>("EscalationCount", [0, 3], [-1], (m, v) => m with { EscalationCount = (int)v! }),
            new Member<AlertMetrics>("UserSatisfaction", [null, 1, 5], [0, 6], (m, v) => m with { UserSatisfaction = (int?)v }))
        .Sample(x => FailingMembers(Samples.Alert() with { Metrics = x.Record }, "Metrics").Should().BeEquivalentTo(x.BadPaths), iter: 300);

    [Fact]
    public void Each_bad_member_of_the_suppression_window_is_reported_at_its_path() =>
        Records(
            new AlertSuppression { StartTime = "22:00", EndTime = "06:00" },
            new Member<AlertSuppression>("StartTime", ["00:00", "9:30", "23:59"], ["24:00", "9am"], (s, v) => s with { StartTime = (string?)v }),
            new Member<AlertSuppression>("EndTime", ["06:00", "12:45"], ["12:60", ""], (s, v) => s with { EndTime = (string?)v }),
            new Member<AlertSuppression>("TimeZone", ["UTC", "Europe/Berlin"], ["Mars/Base"], (s, v) => s with { TimeZone = (string)v! }),
            new Member<AlertSuppression>("Reason", [null, "maintenance"], [new string('r', 201)], (s, v) => s with { Reason = (string?)v }))
        .Sample(x => FailingMembers(Samples.Alert() with { Suppression = x.Record }, "Suppression").Should().BeEquivalentTo(x.BadPaths), iter: 300);

    [Fact]
    public void A_suppression_window_with_one_end_is_reported_at_the_missing_end()
    {
        FailingMembers(Samples.Alert() with { Suppression = new AlertSuppression { StartTime = "22:00" } }, "Suppression").Should().Equal("EndTime");
        FailingMembers(Samples.Alert() with { Suppression = new AlertSuppression { EndTime = "06:00" } }, "Suppression").Should().Equal("StartTime");
        FailingMembers(Samples.Alert() with { Suppression = new AlertSuppression() }, "Suppression").Should().BeEmpty();
    }

    [Fact]
    public void Each_bad_member_of_a_condition_in_the_list_is_reported_at_its_path() =>
        Records(
            Samples.Alert().Conditions[0],
            new Member<AlertCondition>("MetricName", ["cpu", "latency_p99"], [""], (c, v) => c with { MetricName = (string)v! }),
            new Member<AlertCondition>("DurationMinutes", [1, 1440], [0, 1441], (c, v) => c with { DurationMinutes = (int)v! }),
            new Member<AlertCondition>("EvaluationWindow", [1, 60], [0, 61], (c, v) => c with { EvaluationWindow = (int)v! }))
        .Sample(x =>
        {
            var alert = Samples.Alert();
            alert = alert with { Conditions = [alert.Conditions[0], x.Record] };

            FailingMembers(alert, "Conditions[1]").Should().BeEquivalentTo(x.BadPaths);
            FailingMembers(alert, "Conditions[0]").Should().BeEmpty();
        }, iter: 300);

    public void Dispose() => _host.Dispose();
}
