using FluentValidation;
using TenancySchemas.Common;
using TenancySchemas.Validation;

namespace TenancySchemas.Tenants;

/// <summary>
/// Field rules of <see cref="TenantConfigUpdateSchema"/>: formats and the ranges of the nested records. The
/// cross-field and tier rules apply to the result of <see cref="TenantConfigUpdateSchema.ApplyTo"/>.
/// </summary>
internal sealed class TenantConfigUpdateValidator : FamilyValidator<TenantConfigUpdateSchema>
{
    public TenantConfigUpdateValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.TenantName).Length(2, 100);
        RuleFor(x => x.Status).DefinedEnum();
        RuleForEach(x => x.Features).DefinedEnum();
        RuleFor(x => x.Quotas!).SetValidator(new TenantQuotasValidator()).OnlyWhen(x => x.Quotas is not null);
        RuleFor(x => x.Sla!).SetValidator(new TenantSlaValidator()).OnlyWhen(x => x.Sla is not null);
        RuleFor(x => x.Security!).SetValidator(new TenantSecurityConfigValidator()).OnlyWhen(x => x.Security is not null);
        RuleFor(x => x.Monitoring!).SetValidator(new TenantMonitoringConfigValidator()).OnlyWhen(x => x.Monitoring is not null);
        RuleFor(x => x.Billing!).SetValidator(new TenantBillingConfigValidator()).OnlyWhen(x => x.Billing is not null);
        RuleForEach(x => x.ComplianceLevels).DefinedEnum();
        RuleFor(x => x.IsolationLevel).DefinedEnum();
        RuleFor(x => x.AdminEmail).Email();
        RuleFor(x => x.ContactPhone).E164Phone();
        RuleFor(x => x.Organization).MaximumLength(100);
        RuleFor(x => x.Timezone).IanaTimeZone();
        RuleFor(x => x.CustomDomain).HttpUrl();
        RuleFor(x => x.WebhookUrl).HttpUrl();
    }


}
