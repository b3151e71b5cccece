using System.Text.RegularExpressions;
using FluentValidation;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tenants;

/// <summary>The rules (<c>docs/reference/tenant-config.md</c>) for <see cref="TenantConfigSchema"/>: field rules, T1-T5, then one rule set per tier.</summary>
internal sealed partial class TenantConfigValidator : FamilyValidator<TenantConfigSchema>
{
    private static readonly string[] StrongEncryption = ["AES-256", "ChaCha20-Poly1305"];

    public TenantConfigValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.TenantName).NotEmpty().Length(2, 100);
        RuleFor(x => x.TenantType).DefinedEnum();
        RuleFor(x => x.Status).DefinedEnum();
        RuleForEach(x => x.Features).DefinedEnum();
        RuleFor(x => x.Quotas).NotNull().SetValidator(new TenantQuotasValidator());
        RuleFor(x => x.Sla).NotNull().SetValidator(new TenantSlaValidator());
        RuleFor(x => x.Security).NotNull().SetValidator(new TenantSecurityConfigValidator());
        RuleFor(x => x.Monitoring).NotNull().SetValidator(new TenantMonitoringConfigValidator());
        RuleFor(x => x.Billing).NotNull().SetValidator(new TenantBillingConfigValidator());
        RuleForEach(x => x.ComplianceLevels).DefinedEnum();
        RuleFor(x => x.IsolationLevel).DefinedEnum();
        RuleFor(x => x.AdminEmail).NotEmpty().Email();
        RuleFor(x => x.ContactPhone).E164Phone();
        RuleFor(x => x.Organization).MaximumLength(100);
        RuleFor(x => x.CountryCode).NotEmpty().Matches(CountryCodePattern());
        RuleFor(x => x.Timezone).NotEmpty().IanaTimeZone();
        RuleFor(x => x.CustomDomain).HttpUrl();
        RuleFor(x => x.WebhookUrl).HttpUrl();
        RuleFor(x => x.ApiEndpoints).HttpUrlValues("ApiEndpoints", "api_endpoints");
        RuleFor(x => x.Tags).NotNull();
        RuleFor(x => x.Metadata).NotNull();

        // T1, T2: time order.
        this.ExpiresAfterCreation(x => x.ExpiresAt, x => x.CreatedAt);
        this.NotBefore(x => x.UpdatedAt, x => x.CreatedAt, "updated_at", "created_at");

        // T3-T5: what the claimed compliance levels demand of the security settings.
        RuleFor(x => x.Security.MfaRequired)
            .Equal(true).OnlyWhen(x => x.Security is not null && x.ComplianceLevels.Contains(ComplianceLevel.Hipaa))
            .WithTenancyError(TenancyErrorCodes.HipaaRequiresMfa);
        RuleFor(x => x.Security.EncryptionLevel)
            .Satisfies(level => StrongEncryption.Contains(level, StringComparer.Ordinal))
            .OnlyWhen(x => x.Security is not null && x.ComplianceLevels.Contains(ComplianceLevel.PciDss))
            .WithTenancyError(TenancyErrorCodes.PciRequiresStrongEncryption);
        RuleFor(x => x.Security.AuditRetentionDays)
            .GreaterThanOrEqualTo(365).OnlyWhen(x => x.Security is not null && x.ComplianceLevels.Contains(ComplianceLevel.Soc2))
            .WithTenancyError(TenancyErrorCodes.Soc2AuditRetention, (_, days) => MessageArgs.Of(("Days", days)));

        TierRuleSets(TierRules);
    }

    private void TierRules(TenantType tier)
    {
        Quota(tier, x => x.Quotas.MaxUsers, l => l.MaxUsers, "quota.max_users");
        Quota(tier, x => x.Quotas.MaxStorageGb, l => l.MaxStorageGb, "quota.max_storage_gb");
        Quota(tier, x => x.Quotas.MaxApiCallsPerHour, l => l.MaxApiCallsPerHour, "quota.max_api_calls_per_hour");
        Quota(tier, x => x.Quotas.BackupRetention, l => l.MaxBackupRetentionDays, "quota.backup_retention");

        RuleFor(x => x.Sla.UptimePercentage)
            .Satisfies(uptime => uptime is null || uptime <= Limits(tier).BestUptimePercentage).OnlyWhen(x => x.Sla is not null)
            .WithTenancyError(TenancyErrorCodes.TierSlaUptimeNotAllowed, (_, uptime) => TierArgs(tier, Limits(tier).BestUptimePercentage, uptime))
            .WithTierSchema(TierSchemaHint.AtMost(l => l.BestUptimePercentage));
        RuleFor(x => x.Sla.ResponseTimeMs)
            .Satisfies(ms => ms is null || ms >= Limits(tier).BestResponseTimeMs).OnlyWhen(x => x.Sla is not null)
            .WithTenancyError(TenancyErrorCodes.TierSlaResponseNotAllowed, (_, ms) => TierArgs(tier, Limits(tier).BestResponseTimeMs, ms))
            .WithTierSchema(TierSchemaHint.AtLeast(l => l.BestResponseTimeMs));
        RuleFor(x => x.Sla.SupportResponseMinutes)
            .Satisfies(minutes => minutes is null || minutes >= Limits(tier).BestSupportResponseMinutes).OnlyWhen(x => x.Sla is not null)
            .WithTenancyError(TenancyErrorCodes.TierSlaSupportNotAllowed, (_, minutes) => TierArgs(tier, Limits(tier).BestSupportResponseMinutes, minutes))
            .WithTierSchema(TierSchemaHint.AtLeast(l => l.BestSupportResponseMinutes));

        RuleFor(x => x.Features).Reports(TenancyErrorCodes.TierFeatureNotAllowed, (features, report) =>
        {
            foreach (var feature in Enum.GetValues<TenantFeature>())
            {
                if (features.Contains(feature) && !Limits(tier).AllowedFeatures.Contains(feature.ToWire()))
                {
                    report.Add("Features", TenancyErrorCodes.TierFeatureNotAllowed, MessageArgs.Of(("Feature", feature.ToWire()), ("Tier", TierName(tier))));
                }
            }
        }).WithTierSchema(TierSchemaHint.Allowed(l => l.AllowedFeatures));
        RuleForEach(x => x.ComplianceLevels)
            .Satisfies(level => Limits(tier).AllowedCompliance.Contains(level.ToWireOrNumber()))
            .WithTenancyError(TenancyErrorCodes.TierComplianceNotAllowed, (_, level) => MessageArgs.Of(("Level", level.ToWireOrNumber()), ("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.Allowed(l => l.AllowedCompliance));
        MaximumRetention(tier, x => x.Monitoring.RetentionDays, "data.monitoring", when: x => x.Monitoring is not null);
        RuleFor(x => x.WebhookUrl)
            .Satisfies(url => url is null || Limits(tier).WebhooksAllowed)
            .WithTenancyError(TenancyErrorCodes.TierWebhookNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.OnlyIf(l => l.WebhooksAllowed));
    }

    private void Quota(TenantType tier, System.Linq.Expressions.Expression<Func<TenantConfigSchema, int?>> quota, Func<TierLimits, int> limit, string quotaName) =>
        RuleFor(quota)
            .Satisfies(value => value is null || value <= limit(Limits(tier))).OnlyWhen(x => x.Quotas is not null)
            .WithTenancyError(TenancyErrorCodes.TierQuotaExceeded, (_, value) =>
                MessageArgs.Of(("Tier", TierName(tier)), ("Limit", limit(Limits(tier))), ("Quota", TenancyStringLocalizer.Instance.Format(quotaName, [new("Limit", limit(Limits(tier)))])), ("Value", value)))
            .WithTierSchema(TierSchemaHint.AtMost(l => limit(l)));

    private static MessageArgs TierArgs(TenantType tier, object limit, object? value) =>
        MessageArgs.Of(("Tier", TierName(tier)), ("Limit", limit), ("Value", value));

    [GeneratedRegex("^[A-Z]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCodePattern();
}

/// <summary>Ranges of <see cref="TenantQuotas"/>; the tier maxima are the root's tier rules.</summary>
internal sealed class TenantQuotasValidator : AbstractValidator<TenantQuotas>
{
    public TenantQuotasValidator()
    {
        RuleFor(x => x.MaxUsers).GreaterThanOrEqualTo(1);
        RuleFor(x => x.MaxStorageGb).GreaterThanOrEqualTo(1);
        RuleFor(x => x.MaxApiCallsPerHour).GreaterThanOrEqualTo(100);
        RuleFor(x => x.BackupRetention).InclusiveBetween(1, 365);
    }
}

/// <summary>Ranges of <see cref="TenantSla"/>.</summary>
internal sealed class TenantSlaValidator : AbstractValidator<TenantSla>
{
    public TenantSlaValidator()
    {
        RuleFor(x => x.UptimePercentage).InclusiveBetween(95.0, 100.0);
        RuleFor(x => x.ResponseTimeMs).InclusiveBetween(50, 5000);
        RuleFor(x => x.RecoveryTimeHours).InclusiveBetween(1, 72);
        RuleFor(x => x.BackupFrequencyHours).InclusiveBetween(1, 168);
        RuleFor(x => x.SupportResponseMinutes).InclusiveBetween(5, 1440);
        RuleFor(x => x.DataRetentionDays).InclusiveBetween(30, 2555);
    }
}

/// <summary>Rules of <see cref="TenantSecurityConfig"/>.</summary>
internal sealed class TenantSecurityConfigValidator : AbstractValidator<TenantSecurityConfig>
{
    public TenantSecurityConfigValidator()
    {
        RuleFor(x => x.EncryptionLevel).NotEmpty();
        RuleFor(x => x.PasswordPolicy).NotNull();
        RuleFor(x => x.SessionTimeoutMinutes).InclusiveBetween(5, 480);
        RuleForEach(x => x.IpWhitelist).NotEmpty().IpOrCidr();
        RuleFor(x => x.AuditRetentionDays).InclusiveBetween(90, 2555);
    }
}

/// <summary>Rules of <see cref="TenantMonitoringConfig"/>.</summary>
internal sealed class TenantMonitoringConfigValidator : AbstractValidator<TenantMonitoringConfig>
{
    public TenantMonitoringConfigValidator()
    {
        RuleFor(x => x.LogLevel).DefinedEnum();
        RuleFor(x => x.RetentionDays).InclusiveBetween(7, 365);
    }
}

/// <summary>Rules of <see cref="TenantBillingConfig"/>.</summary>
internal sealed partial class TenantBillingConfigValidator : AbstractValidator<TenantBillingConfig>
{
    public TenantBillingConfigValidator()
    {
        RuleFor(x => x.BillingCycle).DefinedEnum();
        RuleFor(x => x.Currency).NotEmpty().Matches(CurrencyPattern());
        RuleFor(x => x.CreditLimit).GreaterThanOrEqualTo(0);
        RuleFor(x => x.InvoiceEmail).Email();
    }

    [GeneratedRegex("^[A-Z]{3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}
