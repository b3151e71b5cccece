using TenancySchemas.Alerts;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Alerts;

public sealed class AlertHelperTests
{
    private static AlertSchema Suppressed(string? start, string? end, int[] days, string zone = "UTC") =>
        Samples.Alert() with { Suppression = new AlertSuppression { Enabled = true, StartTime = start, EndTime = end, DaysOfWeek = days, TimeZone = zone } };

    // 2026-11-27 is a Friday (day 4), 2026-11-28 a Saturday (day 5).
    private static DateTimeOffset Utc(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Effective_recipients_keep_the_first_occurrence_in_order()
    {
        var alert = Samples.Alert() with
        {
            Recipients = ["a@x.io", "b@x.io", "a@x.io"],
            Escalations =
            [
                new AlertEscalation { Level = EscalationLevel.L1, Channels = [], Recipients = ["c@x.io", "b@x.io"] },
                new AlertEscalation { Level = EscalationLevel.L2, Channels = [], Recipients = ["d@x.io", "c@x.io", "A@x.io"] },
            ],
        };

        alert.GetEffectiveRecipients().Should().Equal("a@x.io", "b@x.io", "c@x.io", "d@x.io", "A@x.io");
    }

    [Theory]
    [InlineData(27, 23, 30, true)] // Friday 23:30
    [InlineData(28, 2, 0, true)] // Saturday 02:00, the tail of Friday's window
    [InlineData(28, 6, 0, true)] // the end minute is inside
    [InlineData(28, 6, 1, false)]
    [InlineData(28, 7, 0, false)] // Saturday 07:00
    [InlineData(27, 22, 0, true)] // the start minute is inside
    [InlineData(27, 21, 59, false)]
    [InlineData(28, 23, 0, false)] // Saturday evening is not a listed day
    [InlineData(27, 2, 0, false)] // Friday 02:00 belongs to Thursday's window, and Thursday is not listed
    public void An_overnight_window_belongs_to_the_day_it_starts(int day, int hour, int minute, bool suppressed) =>
        Suppressed("22:00", "06:00", [4]).IsSuppressed(Utc(day, hour, minute)).Should().Be(suppressed);

    [Fact]
    public void Seconds_do_not_count_times_compare_at_minute_precision() =>
        Suppressed("09:00", "17:00", []).IsSuppressed(Utc(27, 17, 0).AddSeconds(59)).Should().BeTrue();

    [Fact]
    public void A_day_window_with_no_days_applies_every_day()
    {
        var alert = Suppressed("09:00", "17:00", []);

        alert.IsSuppressed(Utc(27, 12, 0)).Should().BeTrue();
        alert.IsSuppressed(Utc(28, 12, 0)).Should().BeTrue();
        alert.IsSuppressed(Utc(28, 17, 1)).Should().BeFalse();
    }

    [Fact]
    public void Days_only_suppression_covers_whole_days()
    {
        var weekend = Suppressed(null, null, [5, 6]);

        weekend.IsSuppressed(Utc(28, 0, 0)).Should().BeTrue();
        weekend.IsSuppressed(Utc(29, 23, 59)).Should().BeTrue();
        weekend.IsSuppressed(Utc(27, 23, 59)).Should().BeFalse();
    }

    [Fact]
    public void Enabled_suppression_without_days_or_times_is_always_active_and_disabled_never() =>
        (Suppressed(null, null, []).IsSuppressed(Utc(27, 3, 0)), (Suppressed(null, null, []) with { Suppression = new() { Enabled = false } }).IsSuppressed(Utc(27, 3, 0)))
            .Should().Be((true, false));

    [Fact]
    public void The_window_is_read_in_the_suppressions_time_zone()
    {
        // 21:30 UTC on Friday is 06:30 Saturday in Tokyo: outside a 22:00-06:00 window that Friday opened in Tokyo.
        var tokyo = Suppressed("22:00", "06:00", [4], "Asia/Tokyo");

        tokyo.IsSuppressed(Utc(27, 21, 30)).Should().BeFalse();
        tokyo.IsSuppressed(Utc(27, 20, 30)).Should().BeTrue("05:30 Saturday in Tokyo is inside Friday's window");
        tokyo.IsSuppressed(Utc(27, 13, 30)).Should().BeTrue("22:30 Friday in Tokyo");
    }

    [Fact]
    public void Daylight_saving_days_use_the_local_wall_clock()
    {
        // New York leaves daylight saving time on Sunday 2026-11-01 at 02:00 local (06:00 UTC).
        var sundayMornings = Suppressed("01:00", "03:00", [6], "America/New_York");

        sundayMornings.IsSuppressed(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero)).Should().BeTrue("01:30 EDT");
        sundayMornings.IsSuppressed(new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero)).Should().BeTrue("01:30 EST, the repeated hour");
        sundayMornings.IsSuppressed(new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero)).Should().BeFalse("03:30 EST");

        // And it enters daylight saving time on 2026-03-08 at 02:00 local: 02:30 never happens on the wall clock.
        var window = Suppressed("02:00", "02:59", [], "America/New_York");
        window.IsSuppressed(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero)).Should().BeFalse("07:30 UTC is 03:30 EDT");
    }

    [Fact]
    public void Suppression_helpers_never_throw_on_bad_settings()
    {
        var broken = Samples.Alert() with { Suppression = new() { Enabled = true, StartTime = "25:99", EndTime = "xx", TimeZone = "Not/AZone", DaysOfWeek = [9] } };

        broken.Invoking(a => a.IsSuppressed(Utc(27, 12, 0))).Should().NotThrow();
    }

    [Fact]
    public void The_priority_score_matches_the_spec_example()
    {
        var alert = Samples.Alert() with
        {
            Severity = AlertSeverity.High,
            Escalations = [new AlertEscalation { Level = EscalationLevel.L1, Channels = [], Recipients = [] }],
            TriggeredAt = TestHost.Now.AddHours(-3),
        };

        alert.CalculatePriorityScore(TestHost.Now).Should().Be(96);
    }

    [Theory]
    [InlineData(AlertSeverity.Critical, 0, 100)]
    [InlineData(AlertSeverity.Info, 0, 20)]
    [InlineData(AlertSeverity.Low, 30, 60)]
    [InlineData(AlertSeverity.Medium, -5, 60)]
    public void The_age_bonus_is_between_0_and_20(AlertSeverity severity, int hoursAgo, double expected) =>
        (Samples.Alert() with { Severity = severity, TriggeredAt = TestHost.Now.AddHours(-hoursAgo) }).CalculatePriorityScore(TestHost.Now).Should().Be(expected);
}
