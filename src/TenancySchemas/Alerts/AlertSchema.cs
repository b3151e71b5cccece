using System.Globalization;
using System.Text;
using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Security;

namespace TenancySchemas.Alerts;

/// <summary>
/// An alert (<c>docs/reference/alert.md</c>). The base of <see cref="TenantAlertSchema"/>; validate it with <c>IValidator&lt;AlertSchema&gt;</c>,
/// whose tier rule set comes from the caller, the tenant context, the tier resolver or the default tier.
/// </summary>
public record AlertSchema : Schemas.ITenancyDocument
{
    /// <summary>Gets the alert id. The default value is a new GUID.</summary>
    public string AlertId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the owning tenant's id.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the short name (3-100 characters).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the title (5-200 characters).</summary>
    public required string Title { get; init; }

    /// <summary>Gets the description (10-1000 characters).</summary>
    public required string Description { get; init; }

    /// <summary>Gets the severity; critical alerts need an escalation.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>Gets the category.</summary>
    public required AlertCategory Category { get; init; }

    /// <summary>Gets the status. The default value is <see cref="AlertStatus.Open"/>.</summary>
    public AlertStatus Status { get; init; } = AlertStatus.Open;

    /// <summary>Gets the conditions (at least one).</summary>
    public required IReadOnlyList<AlertCondition> Conditions { get; init => field = ValueList<AlertCondition>.From(value); }

    /// <summary>Gets the actions.</summary>
    public IReadOnlyList<AlertAction> Actions { get; init => field = ValueList<AlertAction>.From(value); } = ValueList<AlertAction>.Empty;

    /// <summary>Gets the escalation steps, strictly ascending by level.</summary>
    public IReadOnlyList<AlertEscalation> Escalations { get; init => field = ValueList<AlertEscalation>.From(value); } = ValueList<AlertEscalation>.Empty;

    /// <summary>Gets the suppression settings.</summary>
    public AlertSuppression Suppression { get; init; } = new();

    /// <summary>Gets the channels the alert is sent on.</summary>
    public IReadOnlyList<AlertChannel> NotificationChannels { get; init => field = ValueList<AlertChannel>.From(value); } = ValueList<AlertChannel>.Empty;

    /// <summary>Gets the recipients; entries that look like e-mail addresses must be valid ones.</summary>
    [Sensitive]
    public IReadOnlyList<string> Recipients { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the webhook URLs (sensitive; only on tiers that allow webhooks).</summary>
    [Sensitive(SensitiveKind.Url)]
    [Isolation.Url]
    public IReadOnlyList<string> WebhookUrls { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the last update instant.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets when the alert fired.</summary>
    public DateTimeOffset? TriggeredAt { get; init; }

    /// <summary>Gets when the alert was acknowledged (not before it fired).</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Gets when the alert was resolved (not before it was acknowledged or fired).</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets a value indicating whether the alert is enabled. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets a value indicating whether the alert resolves itself. The default value is <see langword="false"/>.</summary>
    public bool AutoResolve { get; init; }

    /// <summary>Gets the auto-resolve delay in minutes (5-1440). The default value is 60.</summary>
    public int AutoResolveMinutes { get; init; } = 60;

    /// <summary>Gets the cooldown between notifications in minutes (1-60). The default value is 5.</summary>
    public int CooldownMinutes { get; init; } = 5;

    /// <summary>Gets the most notifications sent (1-100). The default value is 10.</summary>
    public int MaxNotifications { get; init; } = 10;

    /// <summary>Gets the source. The default value is <c>system</c>.</summary>
    public string Source { get; init; } = "system";

    /// <summary>Gets the environment. The default value is <c>production</c>.</summary>
    public string Environment { get; init; } = "production";

    /// <summary>Gets the service concerned.</summary>
    public string? Service { get; init; }

    /// <summary>Gets the component concerned.</summary>
    public string? Component { get; init; }

    /// <summary>Gets the runbook URL.</summary>
    [Isolation.Url]
    public string? RunbookUrl { get; init; }

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form context.</summary>
    public IReadOnlyDictionary<string, JsonElement> Context { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets the handling measurements.</summary>
    public AlertMetrics Metrics { get; init; } = new();

    /// <summary>Gets the recipients, then each escalation's recipients in order, without duplicates (first occurrence kept).</summary>
    /// <returns>The effective recipients.</returns>
    public IReadOnlyList<string> GetEffectiveRecipients()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(Recipients.Count);
        Add(Recipients);
        foreach (var escalation in Escalations)
        {
            if (escalation is not null)
            {
                Add(escalation.Recipients);
            }
        }

        return ValueList<string>.From(result);

        void Add(IReadOnlyList<string> recipients)
        {
            for (var i = 0; i < recipients.Count; i++)
            {
                if (recipients[i] is { } recipient && seen.Add(recipient))
                {
                    result.Add(recipient);
                }
            }
        }
    }

    /// <summary>
    /// Tells whether the alert is suppressed at an instant, reading the window in the suppression's time zone:
    /// times compare as times, a window whose end is before its start runs overnight (the part after midnight
    /// belongs to the previous day's entry), and days-only suppression covers whole days. Never throws: an unknown
    /// time zone is read as UTC and a malformed time as unset.
    /// </summary>
    /// <param name="now">The instant; <see langword="null"/> for the system clock.</param>
    /// <returns><see langword="true"/> when the alert is suppressed.</returns>
    public bool IsSuppressed(DateTimeOffset? now = null)
    {
        var suppression = Suppression;
        if (suppression is null || !suppression.Enabled)
        {
            return false;
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(suppression.TimeZone ?? "UTC", out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now ?? TimeProvider.System.GetUtcNow(), zone);
        var time = new TimeOnly(local.Hour, local.Minute);
        var day = ((int)local.DayOfWeek + 6) % 7;
        var days = suppression.DaysOfWeek;
        bool DayMatches(int d) => days.Count == 0 || days.Contains(d);

        if (!TryParseTime(suppression.StartTime, out var start) || !TryParseTime(suppression.EndTime, out var end))
        {
            return DayMatches(day);
        }

        if (start <= end)
        {
            return start <= time && time <= end && DayMatches(day);
        }

        return (time >= start && DayMatches(day)) || (time <= end && DayMatches((day + 6) % 7));
    }

    /// <summary>
    /// Scores how urgently the alert needs attention: the severity's base (critical 100, high 80, medium 60, low 40,
    /// info 20), 10 more with any escalation, and 2 per hour since it fired, at most 20.
    /// </summary>
    /// <param name="now">The instant; <see langword="null"/> for the system clock.</param>
    /// <returns>The score.</returns>
    public double CalculatePriorityScore(DateTimeOffset? now = null)
    {
        double score = Severity switch
        {
            AlertSeverity.Critical => 100,
            AlertSeverity.High => 80,
            AlertSeverity.Medium => 60,
            AlertSeverity.Low => 40,
            AlertSeverity.Info => 20,
            _ => 0,
        };

        if (Escalations.Count > 0)
        {
            score += 10;
        }

        if (TriggeredAt is { } triggered)
        {
            var hours = ((now ?? TimeProvider.System.GetUtcNow()) - triggered).TotalHours;
            score += Math.Min(Math.Max(2 * hours, 0), 20);
        }

        return score;
    }

    /// <summary>Prints the members, masking sensitive ones.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns><see langword="true"/> when members were printed.</returns>
    protected virtual bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);

    private static bool TryParseTime(string? text, out TimeOnly time)
    {
        time = default;
        return text is not null && TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}

/// <summary>An alert with tenant-specific settings (<c>docs/reference/tenant-alert.md</c>); every <see cref="AlertSchema"/> rule applies to it.</summary>
public sealed record TenantAlertSchema : AlertSchema
{
    /// <summary>Gets free-form tenant-specific configuration.</summary>
    public IReadOnlyDictionary<string, JsonElement> TenantSpecificConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets permissions by tenant id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TenantPermissions { get; init => field = ValueCollections.MapOfLists(value); } = ValueCollections.MapOfLists<string>(null);

    /// <summary>Gets a value indicating whether other tenants may see the alert. The default value is <see langword="false"/>.</summary>
    public bool CrossTenantVisibility { get; init; }

    /// <summary>Gets a value indicating whether the alert affects the tenant's SLA. The default value is <see langword="false"/>.</summary>
    public bool SlaImpact { get; init; }

    /// <summary>Gets a value indicating whether customers see the problem. The default value is <see langword="false"/>.</summary>
    public bool CustomerFacing { get; init; }

    /// <summary>Gets free-form delegation rules.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> DelegationRules { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets the business impact (at most 500 characters).</summary>
    public string? BusinessImpact { get; init; }

    /// <inheritdoc/>
    protected override bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}
