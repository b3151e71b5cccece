using System.Collections.Concurrent;
using System.Collections.Frozen;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Results;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.Schemas;
using TenancySchemas.Tiers;

namespace TenancySchemas.Validation;

/// <summary>
/// The <see cref="IValidator{T}"/> that dependency injection hands out for a schema: one validation, in this order,
/// whichever way it is called (<c>Validate</c>, <c>ValidateAsync</c>, a FluentValidation context, the per-call
/// extensions):
/// <list type="number">
/// <item>culture: the caller's UI culture if en, fr, de or es (fr-CA → fr), else <c>DEFAULT_LOCALE</c>;</item>
/// <item>tier: the rule set the caller chose, the document's own tier (a tenant configuration's <c>tenant_type</c>),
/// the call's tier, the caller's tenant's tier (tenant context, then the tier resolver), the default tier;</item>
/// <item>tenant and isolation: the document's tenant against the caller's, strict's tenant context, every URL,
/// the family's cross-tenant references;</item>
/// <item>the rules: the family validator (plain FluentValidation) with the tier's rule set, answered by the
/// <see cref="DocumentPrecheck"/> when every check passes;</item>
/// <item>failures bounded and sensitive values scrubbed;</item>
/// <item>one audit record and one count.</item>
/// </list>
/// A validation nested inside another validator's (a child context) runs the rules only.
/// </summary>
/// <typeparam name="T">The schema's document type.</typeparam>
internal sealed class ValidationPipeline<T> : IValidator<T>, ITenancyValidator<T>
    where T : class, ITenancyDocument
{
    private static readonly FrozenSet<string> TierRuleSetNames = TierProfile.AllTiers.Select(t => t.ToWire()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Stateless: one instance serves every validation that runs all rules.
    private static readonly DefaultValidatorSelector DefaultSelector = new();

    private readonly SchemaDescriptor<T> _schema;
    private readonly IValidator<T> _rules;
    private readonly PipelineServices _services;
    private readonly bool _hasTierRules;

    // The document precheck of each shared selector (the tier selectors, the default one): built at first use, null
    // when a selected rule cannot be run ahead.
    private readonly ConcurrentDictionary<IValidatorSelector, Func<ValidationContext<T>, bool>?> _prechecks = new(ReferenceEqualityComparer.Instance);

    public ValidationPipeline(SchemaDescriptor<T> schema, IValidator<T> rules, PipelineServices services)
    {
        _schema = schema;
        _rules = rules;
        _services = services;
        _hasTierRules = rules is IEnumerable<IValidationRule> declared && declared.Any(rule => rule.RuleSets?.Any(TierRuleSetNames.Contains) == true);
        FailureGate.Install(rules);
    }

    public ValidationResult Validate(T instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Run(instance, call: null, callerContext: null);
    }

    public Task<ValidationResult> ValidateAsync(T instance, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return RunAsync(instance, call: null, callerContext: null, cancellation);
    }

    public ValidationResult Validate(T document, TenancyValidationContext? call)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Run(document, call, callerContext: null);
    }

    public Task<ValidationResult> ValidateAsync(T document, TenancyValidationContext? call, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(document);
        return RunAsync(document, call, callerContext: null, cancellation);
    }

    public ValidationResult Validate(IValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var typed = ValidationContext<T>.GetFromNonGenericContext(context);
        if (typed.IsChildContext)
        {
            return _rules.Validate(typed);
        }

        return ThrowIfRequested(typed, Run(typed.InstanceToValidate, CallOf(typed), typed));
    }

    public async Task<ValidationResult> ValidateAsync(IValidationContext context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var typed = ValidationContext<T>.GetFromNonGenericContext(context);
        if (typed.IsChildContext)
        {
            return await _rules.ValidateAsync(typed, cancellation).ConfigureAwait(false);
        }

        return ThrowIfRequested(typed, await RunAsync(typed.InstanceToValidate, CallOf(typed), typed, cancellation).ConfigureAwait(false));
    }

    public IValidatorDescriptor CreateDescriptor() => _rules.CreateDescriptor();

    public bool CanValidateInstancesOfType(Type type) => _rules.CanValidateInstancesOfType(type);

    private TenancyValidationResult Run(T document, TenancyValidationContext? call, ValidationContext<T>? callerContext)
    {
        var started = _services.TimeProvider.GetTimestamp();
        using var culture = MessageCulture.Use(_services.Options.DefaultLocale);
        var caller = Caller(call);
        var selection = SelectRules(document, call, caller, callerContext?.Selector);
        var early = TenantAndIsolation(document, call, selection, out var unbuilt);
        var context = ContextFor(document, call, callerContext, selection.Selector);
        var budget = Prechecked(context, selection.Selector) ? null : ReportBudget.Start(context, _services.Options.Json.MaxErrors);
        ValidationResult? rules = null;
        if (budget is not null)
        {
            using (ReportBudget.Enter(budget))
            {
                rules = _rules.Validate(context);
            }
        }

        var result = Finish(rules, early, selection.RuleSets, budget, unbuilt);
        Observe(document, caller, selection, result, started);
        return result;
    }

    private async Task<ValidationResult> RunAsync(T document, TenancyValidationContext? call, ValidationContext<T>? callerContext, CancellationToken cancellation)
    {
        var started = _services.TimeProvider.GetTimestamp();
        using var culture = MessageCulture.Use(_services.Options.DefaultLocale);
        var caller = Caller(call);
        var selection = SelectRules(document, call, caller, callerContext?.Selector);
        var early = TenantAndIsolation(document, call, selection, out var unbuilt);
        var context = ContextFor(document, call, callerContext, selection.Selector);
        var budget = Prechecked(context, selection.Selector) ? null : ReportBudget.Start(context, _services.Options.Json.MaxErrors);
        ValidationResult? rules = null;
        if (budget is not null)
        {
            using (ReportBudget.Enter(budget))
            {
                rules = await _rules.ValidateAsync(context, cancellation).ConfigureAwait(false);
            }
        }

        var result = Finish(rules, early, selection.RuleSets, budget, unbuilt);
        Observe(document, caller, selection, result, started);
        return result;
    }

    /// <summary>Who is asking: the call's expected tenant, else the tenant context the app set from authentication.</summary>
    private readonly record struct CallerTenant(string? TenantId, TenantType? Tier);

    private CallerTenant Caller(TenancyValidationContext? call)
    {
        var current = _services.TenantContext.Current;
        var tenantId = call?.ExpectedTenantId ?? current?.TenantId;
        if (tenantId is null)
        {
            return default;
        }

        var tier = current is not null && string.Equals(current.TenantId, tenantId, StringComparison.Ordinal) ? Defined(current.Tier) : null;
        return new CallerTenant(tenantId, tier ?? Defined(_services.TierResolver.ResolveTier(tenantId)));
    }

    /// <summary>The selector to run, the tier and rule sets chosen, and the failure of a missing tier.</summary>
    private readonly record struct RuleSelection(IValidatorSelector Selector, TenantType? Tier, IReadOnlyList<string> RuleSets, ValidationFailure? TierUnknown);

    /// <param name="document">The document.</param>
    /// <param name="call">The per-call data, if any.</param>
    /// <param name="caller">The caller's tenant.</param>
    /// <param name="requested">The caller's selector; <see langword="null"/> when the caller chose nothing (the tier decides).</param>
    private RuleSelection SelectRules(T document, TenancyValidationContext? call, CallerTenant caller, IValidatorSelector? requested)
    {
        if (!_hasTierRules)
        {
            // A document without tier rules (an update, a template) and no choice of the caller's runs every rule.
            var selector = requested ?? DefaultSelector;
            return new RuleSelection(selector, null, selector is RulesetValidatorSelector named ? [.. named.RuleSets] : [], null);
        }

        switch (requested ?? DefaultSelector)
        {
            case RulesetValidatorSelector explicitSets when explicitSets.RuleSets.Any(TierRuleSetNames.Contains):
                // The caller chose the tier (o.IncludeRuleSets("trial")): its common rules still apply.
                string[] chosen = [.. explicitSets.RuleSets.Append(RulesetValidatorSelector.DefaultRuleSetName).Distinct(StringComparer.OrdinalIgnoreCase)];
                return new RuleSelection(new RulesetValidatorSelector(chosen), NamedTier(chosen), chosen, null);
            case DefaultValidatorSelector:
            {
                var tier = ResolveTier(document, call, caller);
                var selector = tier is { } known ? TierRuleSetSelector.For(known) : TierRuleSetSelector.CommonOnly;
                return new RuleSelection(selector, tier, selector.RuleSets, tier is null ? TierUnknown(document, caller) : null);
            }

            case RulesetValidatorSelector named:
            {
                // Other named rule sets, without a tier: those sets plus the tier found as usual.
                var tier = ResolveTier(document, call, caller);
                string[] sets = [.. named.RuleSets.Concat(tier is { } t ? [t.ToWire()] : []).Distinct(StringComparer.OrdinalIgnoreCase)];
                return new RuleSelection(new RulesetValidatorSelector(sets), tier, sets, tier is null ? TierUnknown(document, caller) : null);
            }

            default:
                // A property-only validation (IncludeProperties) is partial by design: no tier is involved.
                return new RuleSelection(requested!, null, [], null);
        }
    }

    // Not a lambda inside SelectRules: its capture would be allocated on every call, whichever case runs.
    private static TenantType? NamedTier(IEnumerable<string> ruleSets) =>
        TierProfile.AllTiers.FirstOrDefault(t => ruleSets.Contains(t.ToWire(), StringComparer.OrdinalIgnoreCase));

    private ValidationFailure TierUnknown(T document, CallerTenant caller) =>
        Failure(string.Empty, TenancyErrorCodes.TierUnknown, MessageArgs.Of(("TenantId", caller.TenantId ?? _schema.TenantIdOf(document))));

    /// <summary>
    /// The tier whose rule set applies: the document's own (a tenant configuration's <c>tenant_type</c>), the call's,
    /// the caller's tenant's (tenant context, tier resolver) when the document is the caller's — or, without a caller,
    /// the tier resolver's for the document's tenant — and the default tier. A document that claims another tenant
    /// than the caller's gets no tier from either. An undefined value (a cast integer) names no tier: the next source
    /// is asked, and without one the document gets <c>tenancy.tier.unknown</c>, never silently relaxed limits.
    /// </summary>
    private TenantType? ResolveTier(T document, TenancyValidationContext? call, CallerTenant caller)
    {
        var claimed = _schema.TenantIdOf(document);
        var tenantTier = caller.TenantId is null
            ? claimed is null ? null : Defined(_services.TierResolver.ResolveTier(claimed))
            : claimed is null || string.Equals(claimed, caller.TenantId, StringComparison.Ordinal) ? caller.Tier : null;
        return Defined(_schema.DocumentTierOf(document)) ?? Defined(call?.Tier) ?? tenantTier ?? Defined(_services.Options.DefaultTier);
    }

    private static TenantType? Defined(TenantType? tier) => tier is { } t && WireEnum<TenantType>.IsDefined(t) ? t : null;

    private List<ValidationFailure>? TenantAndIsolation(T document, TenancyValidationContext? call, RuleSelection selection, out int unbuilt)
    {
        unbuilt = 0;
        var early = selection.TierUnknown is { } unknown ? new List<ValidationFailure> { unknown } : null;
        var level = _services.Options.IsolationLevel;
        var claimed = _schema.TenantIdOf(document);

        // Under basic only the call's own expectation is checked; above it, the tenant context's too.
        var expected = call?.ExpectedTenantId ?? (level == IsolationLevel.Basic ? null : _services.TenantContext.Current?.TenantId);
        if (expected is not null && !string.IsNullOrEmpty(claimed) && !string.Equals(expected, claimed, StringComparison.Ordinal))
        {
            (early ??= []).Add(Failure(
                "TenantId",
                TenancyErrorCodes.TenantMismatch,
                MessageArgs.Of(("PropertyName", "tenant_id"), ("TenantId", MessageValue.Quote(claimed)), ("ExpectedTenantId", MessageValue.Quote(expected)))));
        }

        if (level == IsolationLevel.Strict && _services.TenantContext.Current is null && call?.ExpectedTenantId is null)
        {
            // Fail closed: under strict isolation a document is never checked without knowing whose it must be.
            (early ??= []).Add(Failure(string.Empty, TenancyErrorCodes.NoTenantContext, MessageArgs.None));
        }

        if (level == IsolationLevel.Basic)
        {
            return early;
        }

        // A document can hold hundreds of thousands of refused URLs or references: past the bound they are counted.
        var maxErrors = _services.Options.Json.MaxErrors;
        var refused = EndpointGuard.Refused(document, level, maxErrors + 1, out var moreUrls);
        unbuilt += moreUrls;
        for (var i = 0; i < refused.Count; i++)
        {
            var (path, url) = refused[i];
            var violation = EndpointGuard.Check(url, level);
            (early ??= []).Add(Failure(path, violation == EndpointViolation.HttpsRequired ? TenancyErrorCodes.HttpsRequired : TenancyErrorCodes.PrivateEndpoint,
                MessageArgs.Of(("PropertyName", path), ("Level", level.ToWire()))));
        }

        foreach (var reference in _schema.CrossTenantReferences(document, level, selection.Tier))
        {
            if (early is { Count: var count } && count > maxErrors)
            {
                unbuilt++;
                continue;
            }

            (early ??= []).Add(Failure(reference.Path, TenancyErrorCodes.CrossTenantReference, MessageArgs.Of(
                ("PropertyName", reference.WirePath), ("OtherTenantId", MessageValue.Quote(reference.OtherTenantId)), ("Level", level.ToWire()))));
        }

        return early;
    }

    // FluentValidation fixes a context's selector when the context is built: the validation gets a context of its own,
    // with the caller's data if the caller brought a context.
    private static ValidationContext<T> ContextFor(T document, TenancyValidationContext? call, ValidationContext<T>? callerContext, IValidatorSelector selector)
    {
        var context = new ValidationContext<T>(document, callerContext?.PropertyChain ?? new PropertyChain(), selector);
        if (callerContext is not null)
        {
            foreach (var (key, value) in callerContext.RootContextData)
            {
                context.RootContextData[key] = value;
            }
        }
        else if (call?.Now is not null)
        {
            // Rules read the call's data only for its instant: without one, the context data stays empty.
            context.RootContextData[TenancyValidationContext.Key] = call;
        }

        return context;
    }

    /// <summary>
    /// True when the document precheck of the selection finds that no rule would fail, so FluentValidation need not
    /// run. Only the shared selectors have one; a caller's own rule-set selection always runs through FluentValidation.
    /// </summary>
    private bool Prechecked(ValidationContext<T> context, IValidatorSelector selector)
    {
        if (!_services.Options.PrecheckDocuments || (selector is not TierRuleSetSelector && !ReferenceEquals(selector, DefaultSelector)))
        {
            return false;
        }

        return _prechecks.GetOrAdd(selector, static (key, rules) => DocumentPrecheck.Build(rules, key), _rules) is { } precheck && precheck(context);
    }

    private TenancyValidationResult Finish(ValidationResult? rules, List<ValidationFailure>? early, IReadOnlyList<string> ruleSets, ReportBudget? budget, int unbuilt)
    {
        List<ValidationFailure> failures;
        if (early is null)
        {
            failures = rules?.Errors ?? [];
        }
        else
        {
            failures = early;
            if (rules is not null)
            {
                failures.AddRange(rules.Errors);
            }
        }

        if (failures.Count > 0 || unbuilt > 0)
        {
            FailureBound.Apply(failures, _services.Options.Json.MaxErrors, (budget?.Dropped ?? 0) + unbuilt);
            Security.FailureScrubber.Scrub(failures, _schema.DocumentType);
        }

        return new TenancyValidationResult(failures) { RuleSetsExecuted = [.. ruleSets] };
    }

    private void Observe(T document, CallerTenant caller, RuleSelection selection, ValidationResult result, long started)
    {
        var claimed = _schema.TenantIdOf(document);
        var tenant = caller.TenantId ?? claimed;
        _services.Observe(new Auditing.ValidationOutcome(
            _schema.MetricName,
            tenant,
            claimed is not null && !string.Equals(claimed, tenant, StringComparison.Ordinal) ? claimed : null,
            selection.Tier?.ToWire(),
            selection.RuleSets,
            result.IsValid ? "valid" : "invalid",
            result.Errors,
            PipelineServices.AuditPaths(result.Errors, _schema.DocumentType),
            _services.TimeProvider.GetElapsedTime(started)));
    }

    private static ValidationResult ThrowIfRequested(ValidationContext<T> context, ValidationResult result) =>
        context.ThrowOnFailures && !result.IsValid ? throw new ValidationException(result.Errors) : result;

    private static TenancyValidationContext? CallOf(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(TenancyValidationContext.Key, out var data) ? data as TenancyValidationContext : null;

    private static ValidationFailure Failure(string property, string code, MessageArgs args) =>
        new(property, TenancyStringLocalizer.Instance.Format(code, args.Items)) { ErrorCode = code, Severity = Severity.Error };
}
