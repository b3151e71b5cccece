using System.Linq.Expressions;
using FluentValidation;
using Microsoft.Extensions.Options;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.Tiers;

namespace TenancySchemas.Validation;

/// <summary>
/// The base of a schema family's root validator: plain FluentValidation rules and the helpers they share (the tier
/// table, the validation's instant, one rule set per tier). It has no side effects: culture, tier choice, isolation,
/// scrubbing, audit and metrics are the pipeline's (<see cref="ValidationPipeline{T}"/>).
/// </summary>
/// <typeparam name="T">The schema type.</typeparam>
internal abstract class FamilyValidator<T> : AbstractValidator<T>
    where T : class
{
    private const string NowKey = "tenancy.now";

    private readonly IOptions<TenancySchemaOptions> _options;
    private readonly TimeProvider _time;

    protected FamilyValidator(RuleServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _options = services.Options;
        _time = services.TimeProvider;
        Services = services;
    }

    /// <summary>Gets what the rules read: the options' tier table and the clock.</summary>
    protected RuleServices Services { get; }

    /// <summary>Gets the limits of a tier, read when a rule runs, so that the options' tier table is the only source.</summary>
    protected TierLimits Limits(TenantType tier) => _options.Value.Tiers[tier];

    /// <summary>
    /// The instant time-dependent rules treat as now: the call's <see cref="TenancyValidationContext.Now"/>, else the
    /// injected clock, read at the first rule that asks and kept for the rest of the validation (child validators
    /// share the root's data), so that every rule of one validation sees the same instant.
    /// </summary>
    protected DateTimeOffset Now(IValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RootContextData.TryGetValue(NowKey, out var stored) && stored is DateTimeOffset instant)
        {
            return instant;
        }

        var call = context.RootContextData.TryGetValue(TenancyValidationContext.Key, out var data) ? data as TenancyValidationContext : null;
        var now = call?.Now ?? _time.GetUtcNow();
        context.RootContextData[NowKey] = now;
        return now;
    }

    /// <summary>Declares one rule set per tier, named by the tier's wire name.</summary>
    protected void TierRuleSets(Action<TenantType> rules)
    {
        foreach (var tier in TierProfile.AllTiers)
        {
            RuleSet(tier.ToWire(), () => rules(tier));
        }
    }

    /// <summary>The tier rule "collection interval at least the tier's shortest" (monitoring and performance).</summary>
    protected void MinimumCollectionInterval(TenantType tier, Expression<Func<T, int?>> interval) =>
        RuleFor(interval)
            .Satisfies(seconds => seconds is null || seconds >= Limits(tier).MinCollectionIntervalSeconds)
            .WithTenancyError(TenancyErrorCodes.TierCollectionIntervalTooShort, (_, seconds) =>
                MessageArgs.Of(("Tier", TierName(tier)), ("Limit", Limits(tier).MinCollectionIntervalSeconds), ("Value", seconds)))
            .WithTierSchema(TierSchemaHint.AtLeast(l => l.MinCollectionIntervalSeconds));

    /// <summary>The tier rule "retention at most the tier's longest" (tenant monitoring, monitoring and performance data).</summary>
    protected void MaximumRetention(TenantType tier, Expression<Func<T, int?>> retention, string dataKey, Func<T, bool>? when = null)
    {
        var rule = RuleFor(retention).Satisfies(days => days is null || days <= Limits(tier).MaxRetentionDays);
        (when is null ? rule : rule.OnlyWhen(when))
            .WithTenancyError(TenancyErrorCodes.TierRetentionExceeded, (_, days) =>
                MessageArgs.Of(("Tier", TierName(tier)), ("Data", TenancyStringLocalizer.Instance[dataKey].Value), ("Limit", Limits(tier).MaxRetentionDays), ("Value", days)))
            .WithTierSchema(TierSchemaHint.AtMost(l => l.MaxRetentionDays));
    }

    /// <summary>The tier's display name in the caller's language (Trial, Essai, …).</summary>
    protected static string TierName(TenantType tier) => TenancyStringLocalizer.Instance["tier." + tier.ToWire()].Value;
}

/// <summary>What rules read from the container: the options (tier table) and the clock.</summary>
internal sealed class RuleServices(IOptions<TenancySchemaOptions> options, TimeProvider timeProvider)
{
    public IOptions<TenancySchemaOptions> Options { get; } = options;

    public TimeProvider TimeProvider { get; } = timeProvider;
}
