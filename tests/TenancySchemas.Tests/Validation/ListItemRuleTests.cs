using CsCheck;
using TenancySchemas.Alerts;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Validation;

/// <summary>
/// Rules over the items of a list skip their item-by-item pass when every item passes (a performance measure). Whatever
/// mix of good and bad items a list holds, each bad item must still be reported at its own index (an empty entry may fail two checks), and a list
/// of good items not at all: in the document, in a nested record, and in a tier's rule set.
/// </summary>
public sealed class ListItemRuleTests : IDisposable
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

    public void Dispose() => _host.Dispose();
}
