using FluentValidation;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Warnings;

/// <summary>The rules of every warning (<c>docs/reference/warning.md</c>): field rules, cross-field rules W1-W4, then one rule set per tier.</summary>
internal abstract class WarningValidatorBase<T> : FamilyValidator<T>
    where T : WarningSchema
{
    protected WarningValidatorBase(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.WarningId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.Title).NotEmpty().Length(5, 200);
        RuleFor(x => x.Description).NotEmpty().Length(10, 2000);
        RuleFor(x => x.Severity).DefinedEnum();
        RuleFor(x => x.WarningType).DefinedEnum();
        RuleFor(x => x.Category).DefinedEnum();
        RuleFor(x => x.Status).DefinedEnum();
        RuleFor(x => x.Source).DefinedEnum();
        RuleFor(x => x.Environment).NotNull();
        RuleForEach(x => x.Metrics).NotNull().SetValidator(new WarningMetricValidator());
        RuleFor(x => x.Prediction!).SetValidator(new WarningPredictionValidator()).OnlyWhen(x => x.Prediction is not null);
        RuleFor(x => x.Impact).NotNull().SetValidator(new WarningImpactValidator());
        RuleForEach(x => x.Mitigations).NotNull().SetValidator(new WarningMitigationValidator());
        RuleFor(x => x.EscalationThresholdHours).InclusiveBetween(1, 168);
        RuleFor(x => x.RunbookUrl).HttpUrl();
        RuleFor(x => x.DashboardUrl).HttpUrl();
        RuleFor(x => x.InvestigationUrl).HttpUrl();

        // W1: the default of 24 hours fails for urgent warnings on purpose: they must set 1-4.
        RuleFor(x => x.EscalationThresholdHours)
            .LessThanOrEqualTo(4).OnlyWhen(x => x.Severity == WarningSeverity.Urgent)
            .WithTenancyError(TenancyErrorCodes.WarningUrgentEscalationThreshold);

        // W2.
        RuleFor(x => x.Prediction!.EscalationProbability)
            .NotEqual(EscalationProbability.VeryLow)
            .OnlyWhen(x => x.Prediction is not null && x.Severity is WarningSeverity.Urgent or WarningSeverity.High)
            .WithTenancyError(TenancyErrorCodes.WarningSeverityProbabilityMismatch);

        // W3, W4.
        this.NotBefore(x => x.AcknowledgedAt, x => x.DetectedAt, "acknowledged_at", "detected_at");
        this.NotBefore(x => x.ResolvedAt, x => x.AcknowledgedAt, "resolved_at", "acknowledged_at");
        this.NotBefore(x => x.ResolvedAt, x => x.DetectedAt, "resolved_at", "detected_at");
        this.NotBefore(x => x.EscalatedAt, x => x.DetectedAt, "escalated_at", "detected_at");
        this.NotBefore(x => x.UpdatedAt, x => x.CreatedAt, "updated_at", "created_at");
        this.ExpiresAfterCreation(x => x.ExpiresAt, x => x.CreatedAt);

        TierRuleSets(TierRules);
    }


    private void TierRules(TenantType tier)
    {
        RuleFor(x => x.Prediction)
            .Satisfies(prediction => prediction is null || Limits(tier).MlAllowed)
            .WithTenancyError(TenancyErrorCodes.TierMlNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.OnlyIf(l => l.MlAllowed));
        RuleFor(x => x.Source)
            .Satisfies(source => source != WarningSource.MlPrediction || Limits(tier).MlAllowed)
            .WithTenancyError(TenancyErrorCodes.TierMlNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.NotUnless(WarningSource.MlPrediction.ToWire(), l => l.MlAllowed));
        RuleFor(x => x.AutoMitigationEnabled)
            .Satisfies(enabled => !enabled || Limits(tier).MlAllowed)
            .WithTenancyError(TenancyErrorCodes.TierAutoMitigationNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.OnlyIf(l => l.MlAllowed));
        RuleForEach(x => x.Mitigations)
            .Satisfies(mitigation => mitigation is null || !mitigation.Automated || Limits(tier).MlAllowed)
            .WithTenancyError(TenancyErrorCodes.TierAutoMitigationNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))));
    }
}

/// <summary>The validator of <see cref="WarningSchema"/>.</summary>
internal sealed class WarningValidator(RuleServices services) : WarningValidatorBase<WarningSchema>(services);

/// <summary>The validator of <see cref="TenantWarningSchema"/>: every warning rule, plus its own members.</summary>
internal sealed class TenantWarningValidator : WarningValidatorBase<TenantWarningSchema>
{
    public TenantWarningValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.CostImpact).GreaterThanOrEqualTo(0);
        RuleForEach(x => x.TenantSpecificActions).NotEmpty();
    }
}

internal sealed class WarningMetricValidator : AbstractValidator<WarningMetric>
{
    public WarningMetricValidator()
    {
        RuleFor(x => x.MetricName).NotEmpty();
        RuleFor(x => x.Trend).DefinedEnum();
    }
}

internal sealed class WarningPredictionValidator : AbstractValidator<WarningPrediction>
{
    public WarningPredictionValidator()
    {
        RuleFor(x => x.ModelName).NotEmpty();
        RuleFor(x => x.ConfidenceScore).InclusiveBetween(0.0, 1.0);
        RuleFor(x => x.PredictionWindowHours).InclusiveBetween(1, 168);
        RuleFor(x => x.EscalationProbability).DefinedEnum();
    }
}

internal sealed class WarningMitigationValidator : AbstractValidator<WarningMitigation>
{
    public WarningMitigationValidator()
    {
        RuleFor(x => x.ActionType).NotEmpty();
        RuleFor(x => x.Description).NotEmpty();
    }
}

internal sealed class WarningImpactValidator : AbstractValidator<WarningImpact>
{
    public WarningImpactValidator()
    {
        RuleFor(x => x.AffectedUsers).GreaterThanOrEqualTo(0);
    }
}
