using System.Text;
using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Security;

namespace TenancySchemas.Alerts;

/// <summary>One condition of an alert: a metric compared with a threshold for a duration.</summary>
public sealed record AlertCondition
{
    /// <summary>Gets the metric's name.</summary>
    public required string MetricName { get; init; }

    /// <summary>Gets the comparison.</summary>
    public required AlertOperator Operator { get; init; }

    /// <summary>Gets the threshold; gt, gte, lt and lte need a numeric one.</summary>
    public required Threshold Threshold { get; init; }

    /// <summary>Gets how long the condition must hold, in minutes (1-1440). The default value is 5.</summary>
    public int DurationMinutes { get; init; } = 5;

    /// <summary>Gets the evaluation window in minutes (1-60). The default value is 1.</summary>
    public int EvaluationWindow { get; init; } = 1;
}

/// <summary>What happens when an alert fires.</summary>
public sealed record AlertAction
{
    /// <summary>Gets the kind of action; webhooks are allowed only on tiers that allow them.</summary>
    public required AlertActionType ActionType { get; init; }

    /// <summary>Gets the action's target (an address, a script, a URL).</summary>
    [Isolation.Url(Isolation.UrlKind.Link, UrlWhen = nameof(ActionType), Is = AlertActionType.Webhook)]
    public required string Target { get; init; }

    /// <summary>Gets free-form parameters.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets how often a failed action is retried (0-10). The default value is 3.</summary>
    public int RetryCount { get; init; } = 3;

    /// <summary>Gets the delay between retries in seconds (5-3600). The default value is 60.</summary>
    public int RetryDelaySeconds { get; init; } = 60;
}

/// <summary>One step of an alert's escalation.</summary>
public sealed record AlertEscalation
{
    /// <summary>Gets the level; levels must be strictly ascending over an alert's escalations.</summary>
    public required EscalationLevel Level { get; init; }

    /// <summary>Gets the delay before this step, in minutes (1-1440). The default value is 30.</summary>
    public int DelayMinutes { get; init; } = 30;

    /// <summary>Gets the channels of this step (may be empty).</summary>
    public required IReadOnlyList<AlertChannel> Channels { get; init => field = ValueList<AlertChannel>.From(value); }

    /// <summary>Gets the recipients of this step (may be empty); entries that look like e-mail addresses must be valid ones.</summary>
    [Sensitive]
    public required IReadOnlyList<string> Recipients { get; init => field = ValueList<string>.From(value); }

    /// <summary>Gets free-form conditions.</summary>
    public IReadOnlyDictionary<string, JsonElement> Conditions { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}

/// <summary>When an alert is suppressed: a daily time window, days of the week, or both, in a time zone.</summary>
public sealed record AlertSuppression
{
    /// <summary>Gets a value indicating whether suppression is on. The default value is <see langword="false"/>.</summary>
    public bool Enabled { get; init; }

    /// <summary>Gets the start of the daily window (<c>HH:mm</c>); set together with <see cref="EndTime"/>.</summary>
    public string? StartTime { get; init; }

    /// <summary>Gets the end of the daily window (<c>HH:mm</c>); a window ending before it starts runs overnight.</summary>
    public string? EndTime { get; init; }

    /// <summary>Gets the days of the week, 0 = Monday to 6 = Sunday (not <see cref="DayOfWeek"/>); empty means every day.</summary>
    public IReadOnlyList<int> DaysOfWeek { get; init => field = ValueList<int>.From(value); } = ValueList<int>.Empty;

    /// <summary>Gets the IANA time zone the window is read in. The default value is <c>UTC</c>.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets why alerts are suppressed (at most 200 characters).</summary>
    public string? Reason { get; init; }
}

/// <summary>Measurements of an alert's handling.</summary>
public sealed record AlertMetrics
{
    /// <summary>Gets the response time in milliseconds (≥ 0).</summary>
    public double? ResponseTimeMs { get; init; }

    /// <summary>Gets the acknowledgment time in milliseconds (≥ 0).</summary>
    public double? AcknowledgmentTimeMs { get; init; }

    /// <summary>Gets the resolution time in milliseconds (≥ 0).</summary>
    public double? ResolutionTimeMs { get; init; }

    /// <summary>Gets how often the alert escalated (≥ 0). The default value is 0.</summary>
    public int EscalationCount { get; init; }

    /// <summary>Gets a value indicating whether the alert was a false positive. The default value is <see langword="false"/>.</summary>
    public bool FalsePositive { get; init; }

    /// <summary>Gets the user satisfaction score (1-5).</summary>
    public int? UserSatisfaction { get; init; }
}
