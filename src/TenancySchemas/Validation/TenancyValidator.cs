using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Results;
using TenancySchemas.Auditing;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.RateLimiting;
using System.Threading.RateLimiting;
using TenancySchemas.Security;
using TenancySchemas.Tiers;

namespace TenancySchemas.Validation;

/// <summary>
/// The shared path every root document takes (see docs/architecture): culture, tier, expected tenant, then the
/// family's common rules plus its tier's rule set. Child validators of nested records run inside it and never
/// repeat it. Validators are singletons: nothing here is per-call state except locals.
/// </summary>
internal abstract class TenancyValidator<T> : AbstractValidator<T>, IValidator<T>, ITenancyValidator<T>
    where T : class
{
    private static readonly FrozenSet<string> TierRuleSetNames = TierProfile.AllTiers.Select(t => t.ToWire()).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> SensitivePaths = CollectSensitivePaths(typeof(T), prefix: string.Empty).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The <see cref="AppContext"/> switch that turns document prechecks off, so that FluentValidation runs every rule
    /// of every document (for example to compare the two). Read when a validator is built.
    /// </summary>
    public const string RunEveryRuleSwitch = "TenancySchemas.Validation.RunEveryRule";

    // The document precheck of each selector this validator is run with (the tier selectors and the default one, all
    // shared instances): built at its first use, null when a rule of the selection cannot be prechecked.
    private readonly ConcurrentDictionary<IValidatorSelector, Func<ValidationContext<T>, bool>?> _documentPrechecks =
        new(ReferenceEqualityComparer.Instance);

    private readonly bool _precheckDocuments = !(AppContext.TryGetSwitch(RunEveryRuleSwitch, out var runEveryRule) && runEveryRule);

    protected TenancyValidator(ValidationServices services)
    {
        Services = services;
    }

    protected ValidationServices Services { get; }

    /// <summary>Gets the limits of a tier, read when a rule runs so that the options' tier table is the only source.</summary>
    protected TierLimits Limits(TenantType tier) => Services.Options.Tiers[tier];

    private const string NowKey = "tenancy.now";

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
        var now = call?.Now ?? Services.TimeProvider.GetUtcNow();
        context.RootContextData[NowKey] = now;
        return now;
    }

    /// <summary>The document's tenant id (checked against the expected tenant).</summary>
    protected abstract string? TenantIdOf(T document);

    /// <summary>The tier the document names itself (TenantConfigSchema's tenant_type); others have none.</summary>
    protected virtual TenantType? DocumentTier(T document) => null;

    /// <summary>Gets a value indicating whether the document has tier rule sets (an update document has none).</summary>
    protected virtual bool HasTierRules => true;

    /// <summary>Declares one rule set per tier, named by the tier's wire name.</summary>
    protected void TierRuleSets(Action<TenantType> rules)
    {
        foreach (var tier in TierProfile.AllTiers)
        {
            RuleSet(tier.ToWire(), () => rules(tier));
        }
    }

    /// <summary>The tier rule "collection interval at least the tier's shortest" (monitoring and performance).</summary>
    protected void MinimumCollectionInterval(TenantType tier, System.Linq.Expressions.Expression<Func<T, int?>> interval) =>
        RuleFor(interval)
            .Must(seconds => seconds is null || seconds >= Limits(tier).MinCollectionIntervalSeconds)
            .WithTenancyError(TenancyErrorCodes.TierCollectionIntervalTooShort, (_, seconds) =>
                MessageArgs.Of(("Tier", TierName(tier)), ("Limit", Limits(tier).MinCollectionIntervalSeconds), ("Value", seconds)));

    /// <summary>The tier rule "retention at most the tier's longest" (tenant monitoring, monitoring and performance data).</summary>
    protected void MaximumRetention(TenantType tier, System.Linq.Expressions.Expression<Func<T, int?>> retention, string dataKey, Func<T, bool>? when = null) =>
        RuleFor(retention)
            .Must(days => days is null || days <= Limits(tier).MaxRetentionDays)
            .When(document => when?.Invoke(document) ?? true)
            .WithTenancyError(TenancyErrorCodes.TierRetentionExceeded, (_, days) =>
                MessageArgs.Of(("Tier", TierName(tier)), ("Data", TenancyStringLocalizer.Instance[dataKey].Value), ("Limit", Limits(tier).MaxRetentionDays), ("Value", days)));

    /// <summary>The tier's display name in the caller's language (Trial, Essai, …).</summary>
    protected static string TierName(TenantType tier) => TenancyStringLocalizer.Instance["tier." + tier.ToWire()].Value;

    public override ValidationResult Validate(ValidationContext<T> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.IsChildContext
            ? base.Validate(context)
            : ThrowIfRequested(context, Run(context.InstanceToValidate, CallOf(context), context));
    }

    public override async Task<ValidationResult> ValidateAsync(ValidationContext<T> context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.IsChildContext
            ? await base.ValidateAsync(context, cancellation).ConfigureAwait(false)
            : ThrowIfRequested(context, await RunAsync(context.InstanceToValidate, CallOf(context), context, cancellation).ConfigureAwait(false));
    }

    // validator.Validate(document) and the per-call extensions come here: the tier is chosen before FluentValidation's
    // context exists, so that one context, built with the tier's selector, serves the whole validation.
    ValidationResult IValidator<T>.Validate(T instance) => Validate(instance, call: null);

    Task<ValidationResult> IValidator<T>.ValidateAsync(T instance, CancellationToken cancellation) => ValidateAsync(instance, call: null, cancellation);

    /// <inheritdoc/>
    public ValidationResult Validate(T document, TenancyValidationContext? call)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Run(document, call, callerContext: null);
    }

    /// <inheritdoc/>
    public Task<ValidationResult> ValidateAsync(T document, TenancyValidationContext? call, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(document);
        return RunAsync(document, call, callerContext: null, cancellation);
    }

    /// <summary>Steps 1-8 of a root validation; a caller's own context, if any, is copied with the chosen selector.</summary>
    private ValidationResult Run(T document, TenancyValidationContext? call, ValidationContext<T>? callerContext)
    {
        var started = Services.TimeProvider.GetTimestamp();
        using var culture = MessageCulture.Use(Services.Options.DefaultLocale);
        var prepared = Prepare(document, call, callerContext?.Selector);
        var context = ContextFor(document, call, callerContext, prepared.Selector);
        var result = Finish(PassesPrecheck(context, prepared.Selector) ? RulePrecheck.Valid(context) : base.Validate(context), prepared.Early);
        Observe(document, prepared, result, started);
        return result;
    }

    private async Task<ValidationResult> RunAsync(T document, TenancyValidationContext? call, ValidationContext<T>? callerContext, CancellationToken cancellation)
    {
        var started = Services.TimeProvider.GetTimestamp();
        using var culture = MessageCulture.Use(Services.Options.DefaultLocale);
        var prepared = Prepare(document, call, callerContext?.Selector);
        var context = ContextFor(document, call, callerContext, prepared.Selector);
        var result = Finish(PassesPrecheck(context, prepared.Selector) ? RulePrecheck.Valid(context) : await base.ValidateAsync(context, cancellation).ConfigureAwait(false), prepared.Early);
        Observe(document, prepared, result, started);
        return result;
    }

    /// <summary>
    /// Runs the document precheck of the selection (see <see cref="RulePrecheck.ForDocument"/>): true when no rule
    /// would fail, and FluentValidation need not run. Only the shared selectors have one; a caller's own rule-set
    /// selection always runs through FluentValidation.
    /// </summary>
    private bool PassesPrecheck(ValidationContext<T> context, IValidatorSelector selector)
    {
        if (!_precheckDocuments)
        {
            return false;
        }

        IValidatorSelector? shared = selector switch
        {
            TierRuleSetSelector tierSelector => tierSelector,
            _ when selector.GetType() == typeof(DefaultValidatorSelector) => DefaultSelector,
            _ => null,
        };
        return shared is not null &&
            _documentPrechecks.GetOrAdd(shared, static (key, rules) => RulePrecheck.ForDocument<T>(rules, key), this) is { } precheck &&
            precheck(context);
    }

    private void Observe(T document, Prepared prepared, ValidationResult result, long started) =>
        Services.Observe(new ValidationOutcome(
            SchemaNames.Of(document.GetType()),
            TenantIdOf(document),
            prepared.Tier?.ToWire(),
            prepared.RuleSets,
            result.IsValid ? "valid" : "invalid",
            result.Errors,
            Services.TimeProvider.GetElapsedTime(started)));

    private static ValidationResult ThrowIfRequested(ValidationContext<T> context, ValidationResult result) =>
        context.ThrowOnFailures && !result.IsValid ? throw new ValidationException(result.Errors) : result;

    private static TenancyValidationContext? CallOf(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(TenancyValidationContext.Key, out var data) ? data as TenancyValidationContext : null;

    // FluentValidation fixes a context's selector when the context is built: the validation gets a context of its own,
    // with the caller's data if the caller brought a context.
    private static ValidationContext<T> ContextFor(T document, TenancyValidationContext? call, ValidationContext<T>? callerContext, IValidatorSelector selector)
    {
        var context = new ValidationContext<T>(document, callerContext?.PropertyChain, selector);
        if (callerContext is not null)
        {
            foreach (var (key, value) in callerContext.RootContextData)
            {
                context.RootContextData[key] = value;
            }
        }
        else if (call?.Now is not null)
        {
            // Rules read the call's data only for its instant (see Now): without one, the context data stays empty.
            context.RootContextData[TenancyValidationContext.Key] = call;
        }

        return context;
    }

    /// <summary>The selector to run, the failures found before the rules, and the tier and rule sets chosen.</summary>
    private readonly record struct Prepared(IValidatorSelector Selector, List<ValidationFailure>? Early, TenantType? Tier, IReadOnlyList<string> RuleSets);

    /// <param name="document">The document.</param>
    /// <param name="call">The per-call data, if any.</param>
    /// <param name="requested">The caller's selector; <see langword="null"/> when the caller chose nothing (the tier decides).</param>
    private Prepared Prepare(T document, TenancyValidationContext? call, IValidatorSelector? requested)
    {
        if (document is null)
        {
            throw new ArgumentException("Cannot validate a null document.", nameof(document));
        }

        var tenantId = TenantIdOf(document);
        List<ValidationFailure>? early = null;

        if (ExpectedTenantMismatch(call, tenantId) is { } mismatch)
        {
            (early ??= []).Add(mismatch);
        }

        var level = Services.Options.IsolationLevel;
        if (level == IsolationLevel.Strict && Services.TenantContext.Current is null && call?.ExpectedTenantId is null)
        {
            // Fail closed: under strict isolation a document is never checked without knowing whose it must be.
            (early ??= []).Add(Failure(string.Empty, TenancyErrorCodes.NoTenantContext, MessageArgs.None));
        }

        IValidatorSelector? selector;
        TenantType? chosenTier = null;
        switch (HasTierRules ? requested ?? DefaultSelector : null)
        {
            case null:
                selector = requested;
                break;
            case RulesetValidatorSelector explicitSets when explicitSets.RuleSets.Any(TierRuleSetNames.Contains):
                // The caller chose the tier (o.IncludeRuleSets("trial")): its common rules still apply.
                selector = new RulesetValidatorSelector([.. explicitSets.RuleSets.Append(RulesetValidatorSelector.DefaultRuleSetName).Distinct()]);
                chosenTier = NamedTier(explicitSets.RuleSets);
                break;
            case DefaultValidatorSelector:
                var tier = ResolveTier(document, call, tenantId);
                if (tier is null)
                {
                    (early ??= []).Add(Failure(string.Empty, TenancyErrorCodes.TierUnknown, MessageArgs.Of(("TenantId", tenantId))));
                }

                selector = tier is { } known ? TierRuleSetSelector.For(known) : TierRuleSetSelector.CommonOnly;
                chosenTier = tier;
                break;
            case RulesetValidatorSelector named:
                // Other named rule sets, without a tier: those sets plus the tier the validator finds itself.
                var namedTier = ResolveTier(document, call, tenantId);
                if (namedTier is null)
                {
                    (early ??= []).Add(Failure(string.Empty, TenancyErrorCodes.TierUnknown, MessageArgs.Of(("TenantId", tenantId))));
                }

                selector = new RulesetValidatorSelector([.. named.RuleSets.Concat(namedTier is { } t ? [t.ToWire()] : []).Distinct()]);
                chosenTier = namedTier;
                break;
            default:
                // A property-only validation (IncludeProperties) is partial by design: no tier is involved.
                selector = requested;
                break;
        }

        EnforceRateLimit(document, tenantId, chosenTier);
        AddIsolationFailures(document, level, chosenTier, ref early);

        // A document without tier rules (an update) and no choice of the caller's runs every rule, as FluentValidation would.
        selector ??= DefaultSelector;
        IReadOnlyList<string> ruleSets = selector switch
        {
            TierRuleSetSelector tierSelector => tierSelector.RuleSets,
            RulesetValidatorSelector named => [.. named.RuleSets],
            _ => HasTierRules ? DefaultRuleSets : [],
        };
        return new Prepared(selector, early, chosenTier, ruleSets);
    }

    // Not a lambda inside Prepare: its capture would be allocated on every call, whichever case runs.
    private static TenantType? NamedTier(IEnumerable<string> ruleSets) => TierProfile.AllTiers.FirstOrDefault(t => ruleSets.Contains(t.ToWire()));

    // Stateless: one instance serves every validation that runs all rules.
    private static readonly DefaultValidatorSelector DefaultSelector = new();

    /// <summary>Cross-tenant references of a family's document at an isolation level (spec: isolation levels); none by default.</summary>
    protected virtual IEnumerable<ValidationFailure> CrossTenantFailures(T document, IsolationLevel level, TenantType? tier) => [];

    /// <summary>Builds a cross-tenant failure for <see cref="CrossTenantFailures"/>.</summary>
    protected static ValidationFailure CrossTenantFailure(string path, string wirePath, string otherTenant, IsolationLevel level) =>
        Failure(path, TenancyErrorCodes.CrossTenantReference, MessageArgs.Of(("PropertyName", wirePath), ("OtherTenantId", MessageValue.Quote(otherTenant)), ("Level", level.ToWire())));

    private void AddIsolationFailures(T document, IsolationLevel level, TenantType? tier, ref List<ValidationFailure>? early)
    {
        if (level == IsolationLevel.Basic)
        {
            return;
        }

        var urls = EndpointGuard.Urls(document);
        for (var i = 0; i < urls.Count; i++)
        {
            var (path, url) = urls[i];
            var violation = EndpointGuard.Check(url, level);
            if (violation != EndpointViolation.None)
            {
                (early ??= []).Add(Failure(path, violation == EndpointViolation.HttpsRequired ? TenancyErrorCodes.HttpsRequired : TenancyErrorCodes.PrivateEndpoint,
                    MessageArgs.Of(("PropertyName", path), ("Level", level.ToWire()))));
            }
        }

        foreach (var failure in CrossTenantFailures(document, level, tier))
        {
            (early ??= []).Add(failure);
        }
    }

    private void EnforceRateLimit(T document, string? tenantId, TenantType? tier)
    {
        if (!Services.Options.EnableRateLimiting || string.IsNullOrEmpty(tenantId))
        {
            return;
        }

        using var lease = Services.RateLimiter.AttemptAcquire(tenantId, tier);
        if (lease.IsAcquired)
        {
            return;
        }

        // A rejected call is neither valid nor invalid: it is counted and audited as rejected, then refused.
        Services.Metrics.RecordRateLimited(tier?.ToWire());
        Services.Observe(new ValidationOutcome(SchemaNames.Of(document.GetType()), tenantId, tier?.ToWire(), [], "rejected", [], TimeSpan.Zero));
        throw new TenancyRateLimitExceededException(tenantId, tier, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null);
    }

    private ValidationFailure? ExpectedTenantMismatch(TenancyValidationContext? call, string? tenantId)
    {
        var expected = call?.ExpectedTenantId;
        if (expected is null && Services.Options.IsolationLevel != IsolationLevel.Basic)
        {
            expected = Services.TenantContext.Current?.TenantId;
        }

        if (expected is not null && !string.IsNullOrEmpty(tenantId) && !string.Equals(expected, tenantId, StringComparison.Ordinal))
        {
            return Failure(
                "TenantId",
                TenancyErrorCodes.TenantMismatch,
                MessageArgs.Of(("PropertyName", "tenant_id"), ("TenantId", MessageValue.Quote(tenantId)), ("ExpectedTenantId", MessageValue.Quote(expected))));
        }

        return null;
    }

    private TenantType? ResolveTier(T document, TenancyValidationContext? call, string? tenantId)
    {
        // An undefined value (a cast integer) names no tier: the next source is asked, and without one the
        // document gets tenancy.tier.unknown rather than a crash or silently relaxed limits.
        static TenantType? Defined(TenantType? tier) => tier is { } t && WireEnum<TenantType>.IsDefined(t) ? t : null;

        var current = Services.TenantContext.Current;
        return Defined(DocumentTier(document))
            ?? Defined(call?.Tier)
            ?? (tenantId is not null && current is not null && string.Equals(current.TenantId, tenantId, StringComparison.Ordinal) ? Defined(current.Tier) : null)
            ?? (tenantId is null ? null : Defined(Services.TierResolver.ResolveTier(tenantId)))
            ?? Defined(Services.Options.DefaultTier);
    }

    private static readonly IReadOnlyList<string> DefaultRuleSets = TierRuleSetSelector.CommonOnly.RuleSets;

    private static ValidationResult Finish(ValidationResult result, List<ValidationFailure>? early)
    {
        if (early is null && result.Errors.Count == 0)
        {
            // Nothing failed: FluentValidation's own result already says valid, and no copy is needed.
            return result;
        }

        if (early is not null)
        {
            result.Errors.InsertRange(0, early);
        }

        foreach (var error in result.Errors)
        {
            if (SensitivePaths.Contains(StripIndexes(error.PropertyName)))
            {
                error.AttemptedValue = null;
            }
        }

        return new TenancyValidationResult(result.Errors) { RuleSetsExecuted = result.RuleSetsExecuted };
    }

    private static ValidationFailure Failure(string property, string code, MessageArgs args) =>
        new(property, TenancyStringLocalizer.Instance.Format(code, args.Items)) { ErrorCode = code, Severity = Severity.Error };

    private static string StripIndexes(string path)
    {
        if (!path.Contains('[', StringComparison.Ordinal))
        {
            return path;
        }

        var builder = new System.Text.StringBuilder(path.Length);
        var depth = 0;
        foreach (var c in path)
        {
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> CollectSensitivePaths(Type type, string prefix)
    {
        if (prefix.Split('.').Length > 6)
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var path = prefix + property.Name;
            if (property.IsDefined(typeof(SensitiveAttribute), inherit: true))
            {
                yield return path;
            }

            var nested = property.PropertyType;
            if (nested.IsGenericType && nested.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                nested = nested.GetGenericArguments()[0];
            }

            if (nested.IsClass && nested != typeof(string) && nested.Namespace?.StartsWith("TenancySchemas", StringComparison.Ordinal) == true)
            {
                foreach (var inner in CollectSensitivePaths(nested, path + "."))
                {
                    yield return inner;
                }
            }
        }
    }
}
