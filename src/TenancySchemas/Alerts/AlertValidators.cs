using System.Text.RegularExpressions;
using FluentValidation;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Alerts;

/// <summary>
/// The rules of every alert (<c>docs/reference/alert.md</c>): field rules, cross-field rules A1-A6, then one rule set per tier. <see cref="AlertValidator"/>
/// and <see cref="TenantAlertValidator"/> both derive from it, so a tenant alert gets every alert rule without a copy.
/// </summary>
internal abstract class AlertValidatorBase<T> : FamilyValidator<T>
    where T : AlertSchema
{
    protected AlertValidatorBase(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.AlertId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.Name).NotEmpty().Length(3, 100);
        RuleFor(x => x.Title).NotEmpty().Length(5, 200);
        RuleFor(x => x.Description).NotEmpty().Length(10, 1000);
        RuleFor(x => x.Severity).DefinedEnum();
        RuleFor(x => x.Category).DefinedEnum();
        RuleFor(x => x.Status).DefinedEnum();
        RuleFor(x => x.Conditions).NotEmpty();
        RuleForEach(x => x.Conditions).NotNull().SetValidator(new AlertConditionValidator());
        RuleForEach(x => x.Actions).NotNull().SetValidator(new AlertActionValidator());
        RuleForEach(x => x.Escalations).NotNull().SetValidator(new AlertEscalationValidator());
        RuleFor(x => x.Suppression).NotNull().SetValidator(new AlertSuppressionValidator());
        RuleForEach(x => x.NotificationChannels).DefinedEnum();
        RuleForEach(x => x.Recipients).NotEmpty().EmailWhenEmailLike();
        RuleForEach(x => x.WebhookUrls).NotEmpty().HttpUrl();
        RuleFor(x => x.AutoResolveMinutes).InclusiveBetween(5, 1440);
        RuleFor(x => x.CooldownMinutes).InclusiveBetween(1, 60);
        RuleFor(x => x.MaxNotifications).InclusiveBetween(1, 100);
        RuleFor(x => x.Source).NotNull();
        RuleFor(x => x.Environment).NotNull();
        RuleFor(x => x.RunbookUrl).HttpUrl();
        RuleFor(x => x.Metrics).NotNull().SetValidator(new AlertMetricsValidator());

        // A1: strictly ascending by rank over the whole list, executive included; a repeated level fails too.
        RuleFor(x => x.Escalations).Reports(TenancyErrorCodes.AlertEscalationOrder, (escalations, report) =>
        {
            for (var i = 1; i < escalations.Count; i++)
            {
                if (escalations[i] is not null && escalations[i - 1] is not null && escalations[i].Level <= escalations[i - 1].Level)
                {
                    report.Add($"Escalations[{i}].Level", TenancyErrorCodes.AlertEscalationOrder, MessageArgs.None);
                    return;
                }
            }
        });

        // A2.
        RuleFor(x => x.Escalations)
            .Satisfies((alert, escalations) => alert.Severity != AlertSeverity.Critical || escalations.Count > 0)
            .WithTenancyError(TenancyErrorCodes.AlertCriticalRequiresEscalation);

        // A3: triggered ≤ acknowledged ≤ resolved, and updated ≥ created.
        this.NotBefore(x => x.AcknowledgedAt, x => x.TriggeredAt, "acknowledged_at", "triggered_at");
        this.NotBefore(x => x.ResolvedAt, x => x.AcknowledgedAt, "resolved_at", "acknowledged_at");
        this.NotBefore(x => x.ResolvedAt, x => x.TriggeredAt, "resolved_at", "triggered_at");
        this.NotBefore(x => x.UpdatedAt, x => x.CreatedAt, "updated_at", "created_at");

        TierRuleSets(TierRules);
    }

    private void TierRules(TenantType tier)
    {
        RuleForEach(x => x.NotificationChannels)
            .Satisfies(channel => Limits(tier).AlertChannels.Contains(channel.ToWireOrNumber()))
            .WithTenancyError(TenancyErrorCodes.TierChannelNotAllowed, (_, channel) => MessageArgs.Of(("Channel", channel.ToWireOrNumber()), ("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.Allowed(l => l.AlertChannels));
        RuleFor(x => x.Escalations).Reports(TenancyErrorCodes.TierChannelNotAllowed, (escalations, report) =>
        {
            for (var i = 0; i < escalations.Count; i++)
            {
                var channels = escalations[i]?.Channels ?? [];
                for (var j = 0; j < channels.Count; j++)
                {
                    if (!Limits(tier).AlertChannels.Contains(channels[j].ToWireOrNumber()))
                    {
                        report.Add(
                            $"Escalations[{i}].Channels[{j}]",
                            TenancyErrorCodes.TierChannelNotAllowed,
                            MessageArgs.Of(("Channel", channels[j].ToWireOrNumber()), ("Tier", TierName(tier))));
                    }
                }
            }
        });
        RuleFor(x => x.Conditions)
            .Satisfies(conditions => conditions.Count <= Limits(tier).MaxAlertConditions)
            .WithTenancyError(TenancyErrorCodes.TierTooManyConditions, (_, conditions) => CountArgs(tier, Limits(tier).MaxAlertConditions, conditions.Count))
            .WithTierSchema(TierSchemaHint.MaxItems(l => l.MaxAlertConditions));
        RuleFor(x => x.Recipients)
            .Satisfies((alert, _) => ListedRecipients(alert) <= Limits(tier).MaxRecipients || alert.GetEffectiveRecipients().Count <= Limits(tier).MaxRecipients)
            .WithTenancyError(TenancyErrorCodes.TierTooManyRecipients, (alert, _) => CountArgs(tier, Limits(tier).MaxRecipients, alert.GetEffectiveRecipients().Count))
            .WithTierSchema(TierSchemaHint.MaxItems(l => l.MaxRecipients));
        RuleFor(x => x.Escalations)
            .Satisfies(escalations => escalations.Count <= Limits(tier).MaxEscalationSteps)
            .WithTenancyError(TenancyErrorCodes.TierTooManyEscalations, (_, escalations) => CountArgs(tier, Limits(tier).MaxEscalationSteps, escalations.Count))
            .WithTierSchema(TierSchemaHint.MaxItems(l => l.MaxEscalationSteps));
        RuleFor(x => x.WebhookUrls)
            .Satisfies(urls => urls.Count == 0 || Limits(tier).WebhooksAllowed)
            .WithTenancyError(TenancyErrorCodes.TierWebhookNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.OnlyIf(l => l.WebhooksAllowed));
        RuleForEach(x => x.Actions)
            .Satisfies(action => action?.ActionType != AlertActionType.Webhook || Limits(tier).WebhooksAllowed)
            .WithTenancyError(TenancyErrorCodes.TierWebhookNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))));
    }

    // An upper bound of the effective recipients (duplicates counted): within the limit, the alert is, without a copy.
    private static int ListedRecipients(AlertSchema alert)
    {
        var count = alert.Recipients.Count;
        foreach (var escalation in alert.Escalations)
        {
            count += escalation?.Recipients.Count ?? 0;
        }

        return count;
    }

    private static MessageArgs CountArgs(TenantType tier, int limit, int count) =>
        MessageArgs.Of(("Tier", TierName(tier)), ("Limit", limit), ("Count", count));
}

/// <summary>The validator of <see cref="AlertSchema"/>.</summary>
internal sealed class AlertValidator(RuleServices services) : AlertValidatorBase<AlertSchema>(services);

/// <summary>The validator of <see cref="TenantAlertSchema"/>: every alert rule, plus its own members.</summary>
internal sealed class TenantAlertValidator : AlertValidatorBase<TenantAlertSchema>
{
    public TenantAlertValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.BusinessImpact).MaximumLength(500);
        RuleFor(x => x.TenantPermissions).NotNull();
        RuleFor(x => x.DelegationRules).NotNull();
    }
}

internal sealed class AlertConditionValidator : AbstractValidator<AlertCondition>
{
    public AlertConditionValidator()
    {
        RuleFor(x => x.MetricName).NotEmpty();
        RuleFor(x => x.Operator).DefinedEnum();
        RuleFor(x => x.DurationMinutes).InclusiveBetween(1, 1440);
        RuleFor(x => x.EvaluationWindow).InclusiveBetween(1, 60);

        // A4: ordering comparisons need a number (a numeric string counts, as in the original).
        RuleFor(x => x.Threshold)
            .Satisfies((condition, threshold) => condition.Operator is not (AlertOperator.Gt or AlertOperator.Gte or AlertOperator.Lt or AlertOperator.Lte) || threshold.TryGetNumber(out _))
            .WithTenancyError(TenancyErrorCodes.AlertThresholdNotNumeric, (condition, _) => MessageArgs.Of(("Operator", condition.Operator.ToWireOrNumber())));
    }
}

internal sealed class AlertActionValidator : AbstractValidator<AlertAction>
{
    public AlertActionValidator()
    {
        RuleFor(x => x.ActionType).DefinedEnum();
        RuleFor(x => x.Target).NotEmpty();
        RuleFor(x => x.RetryCount).InclusiveBetween(0, 10);
        RuleFor(x => x.RetryDelaySeconds).InclusiveBetween(5, 3600);
    }
}

internal sealed class AlertEscalationValidator : AbstractValidator<AlertEscalation>
{
    public AlertEscalationValidator()
    {
        RuleFor(x => x.Level).DefinedEnum();
        RuleFor(x => x.DelayMinutes).InclusiveBetween(1, 1440);
        RuleForEach(x => x.Channels).DefinedEnum();
        RuleForEach(x => x.Recipients).NotEmpty().EmailWhenEmailLike();
    }
}

internal sealed partial class AlertSuppressionValidator : AbstractValidator<AlertSuppression>
{
    public AlertSuppressionValidator()
    {
        RuleFor(x => x.StartTime).Matches(TimeOfDay());
        RuleFor(x => x.EndTime).Matches(TimeOfDay());

        // A5: 0 = Monday … 6 = Sunday.
        RuleForEach(x => x.DaysOfWeek).InclusiveBetween(0, 6).WithTenancyError(TenancyErrorCodes.AlertInvalidDay);

        // A6: a window needs both ends.
        RuleFor(x => x.EndTime).Satisfies((suppression, end) => suppression.StartTime is null || end is not null).WithTenancyError(TenancyErrorCodes.AlertSuppressionWindowIncomplete);
        RuleFor(x => x.StartTime).Satisfies((suppression, start) => suppression.EndTime is null || start is not null).WithTenancyError(TenancyErrorCodes.AlertSuppressionWindowIncomplete);

        RuleFor(x => x.TimeZone).NotEmpty().IanaTimeZone();
        RuleFor(x => x.Reason).MaximumLength(200);
    }

    [GeneratedRegex("^([01]?[0-9]|2[0-3]):[0-5][0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();
}

internal sealed class AlertMetricsValidator : AbstractValidator<AlertMetrics>
{
    public AlertMetricsValidator()
    {
        RuleFor(x => x.ResponseTimeMs).GreaterThanOrEqualTo(0);
        RuleFor(x => x.AcknowledgmentTimeMs).GreaterThanOrEqualTo(0);
        RuleFor(x => x.ResolutionTimeMs).GreaterThanOrEqualTo(0);
        RuleFor(x => x.EscalationCount).GreaterThanOrEqualTo(0);
        RuleFor(x => x.UserSatisfaction).InclusiveBetween(1, 5);
    }
}
