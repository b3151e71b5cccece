using FluentValidation;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Tenants;

/// <summary>Every tier limit of spec §3 that applies to TenantConfigSchema, for every tier: at the limit passes, beyond it fails.</summary>
public sealed class TenantConfigTierTests : IDisposable
{
    private readonly TestHost _host = new();

    public static TheoryData<TenantType> Tiers() => new(TierProfile.AllTiers);

    private static TierLimits L(TenantType tier) => new TierProfile()[tier];

    public static TheoryData<TenantType, string, Func<TenantConfigSchema, TenantConfigSchema>, Func<TenantConfigSchema, TenantConfigSchema>, string, string> Limits()
    {
        var data = new TheoryData<TenantType, string, Func<TenantConfigSchema, TenantConfigSchema>, Func<TenantConfigSchema, TenantConfigSchema>, string, string>();
        foreach (var tier in TierProfile.AllTiers)
        {
            var l = L(tier);
            data.Add(tier, "max users", t => t with { Quotas = new() { MaxUsers = l.MaxUsers } }, t => t with { Quotas = new() { MaxUsers = l.MaxUsers + 1 } }, TenancyErrorCodes.TierQuotaExceeded, "Quotas.MaxUsers");
            data.Add(tier, "max storage", t => t with { Quotas = new() { MaxStorageGb = l.MaxStorageGb } }, t => t with { Quotas = new() { MaxStorageGb = l.MaxStorageGb + 1 } }, TenancyErrorCodes.TierQuotaExceeded, "Quotas.MaxStorageGb");
            data.Add(tier, "API calls", t => t with { Quotas = new() { MaxApiCallsPerHour = l.MaxApiCallsPerHour } }, t => t with { Quotas = new() { MaxApiCallsPerHour = l.MaxApiCallsPerHour + 1 } }, TenancyErrorCodes.TierQuotaExceeded, "Quotas.MaxApiCallsPerHour");
            data.Add(tier, "backup retention", t => t with { Quotas = new() { BackupRetention = l.MaxBackupRetentionDays } }, t => t with { Quotas = new() { BackupRetention = l.MaxBackupRetentionDays + 1 } }, TenancyErrorCodes.TierQuotaExceeded, "Quotas.BackupRetention");
            data.Add(tier, "uptime", t => t with { Sla = new() { UptimePercentage = l.BestUptimePercentage } }, t => t with { Sla = new() { UptimePercentage = Math.Min(100, l.BestUptimePercentage + 0.01) } }, TenancyErrorCodes.TierSlaUptimeNotAllowed, "Sla.UptimePercentage");
            data.Add(tier, "response time", t => t with { Sla = new() { ResponseTimeMs = l.BestResponseTimeMs } }, t => t with { Sla = new() { ResponseTimeMs = l.BestResponseTimeMs - 1 } }, TenancyErrorCodes.TierSlaResponseNotAllowed, "Sla.ResponseTimeMs");
            data.Add(tier, "support response", t => t with { Sla = new() { SupportResponseMinutes = l.BestSupportResponseMinutes } }, t => t with { Sla = new() { SupportResponseMinutes = l.BestSupportResponseMinutes - 1 } }, TenancyErrorCodes.TierSlaSupportNotAllowed, "Sla.SupportResponseMinutes");
            data.Add(tier, "monitoring retention", t => t with { Monitoring = new() { RetentionDays = l.MaxRetentionDays } }, t => t with { Monitoring = new() { RetentionDays = l.MaxRetentionDays + 1 } }, TenancyErrorCodes.TierRetentionExceeded, "Monitoring.RetentionDays");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void A_value_at_the_tier_limit_passes_and_one_beyond_fails(
        TenantType tier, string limit, Func<TenantConfigSchema, TenantConfigSchema> atLimit, Func<TenantConfigSchema, TenantConfigSchema> beyond, string code, string property)
    {
        _host.Validate(atLimit(Samples.Tenant(tier))).ShouldNotHaveFailure(code, property);

        var english = _host.Validate(beyond(Samples.Tenant(tier))).ShouldHaveFailure(code, property);
        var german = _host.Validate(beyond(Samples.Tenant(tier)), "de").ShouldHaveFailure(code, property);

        english.ErrorMessage.Should().StartWith(tier.ToString(), "{0}: the message names the tier", limit);
        german.ErrorMessage.Should().NotBe(english.ErrorMessage);
    }

    [Fact]
    public void The_quota_message_names_tier_limit_unit_and_value()
    {
        var failure = _host.Validate(Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 25 } }).ShouldHaveFailure(TenancyErrorCodes.TierQuotaExceeded);

        failure.ErrorMessage.Should().Be("Trial tenants are limited to 10 users; got 25");
        InCulture.Run("fr", () => _host.Validator<TenantConfigSchema>().Validate(Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 25 } }))
            .ShouldHaveFailure(TenancyErrorCodes.TierQuotaExceeded).ErrorMessage.Should().Be("Les locataires Essai sont limités à 10 utilisateurs ; valeur reçue : 25");
    }

    [Theory]
    [InlineData(TenantType.Trial, TenantFeature.AdvancedAnalytics, false)]
    [InlineData(TenantType.Standard, TenantFeature.CustomAlerts, false)]
    [InlineData(TenantType.Standard, TenantFeature.AuditLogging, true)]
    [InlineData(TenantType.Professional, TenantFeature.PrioritySupport, true)]
    [InlineData(TenantType.Professional, TenantFeature.SsoIntegration, false)]
    [InlineData(TenantType.Enterprise, TenantFeature.MultiRegionBackup, true)]
    public void Features_are_limited_by_tier(TenantType tier, TenantFeature feature, bool allowed)
    {
        var result = _host.Validate(Samples.Tenant(tier) with { Features = new HashSet<TenantFeature> { TenantFeature.DataEncryption, feature } });

        if (allowed)
        {
            result.ShouldBeCleanlyValid();
        }
        else
        {
            result.ShouldHaveFailure(TenancyErrorCodes.TierFeatureNotAllowed, "Features").ErrorMessage
                .Should().Contain(WireName(feature)).And.Contain(tier.ToString());
        }
    }

    [Theory]
    [InlineData(TenantType.Trial, ComplianceLevel.Gdpr, false)]
    [InlineData(TenantType.Standard, ComplianceLevel.Soc2, false)]
    [InlineData(TenantType.Standard, ComplianceLevel.Basic, true)]
    [InlineData(TenantType.Professional, ComplianceLevel.Gdpr, true)]
    [InlineData(TenantType.Professional, ComplianceLevel.PciDss, false)]
    [InlineData(TenantType.Enterprise, ComplianceLevel.Iso27001, true)]
    public void Compliance_levels_are_limited_by_tier(TenantType tier, ComplianceLevel level, bool allowed)
    {
        var result = _host.Validate(Samples.Tenant(tier) with { ComplianceLevels = [ComplianceLevel.Basic, level] });

        if (allowed)
        {
            result.ShouldNotHaveFailure(TenancyErrorCodes.TierComplianceNotAllowed);
        }
        else
        {
            result.ShouldHaveFailure(TenancyErrorCodes.TierComplianceNotAllowed, "ComplianceLevels[1]");
        }
    }

    [Theory]
    [InlineData(TenantType.Trial, false)]
    [InlineData(TenantType.Standard, false)]
    [InlineData(TenantType.Professional, true)]
    [InlineData(TenantType.Enterprise, true)]
    public void Webhooks_are_limited_by_tier(TenantType tier, bool allowed)
    {
        var withWebhook = _host.Validate(Samples.Tenant(tier) with { WebhookUrl = "https://hooks.acme.com/tenancy" });
        var without = _host.Validate(Samples.Tenant(tier));

        without.ShouldNotHaveFailure(TenancyErrorCodes.TierWebhookNotAllowed);
        if (allowed)
        {
            withWebhook.ShouldBeCleanlyValid();
        }
        else
        {
            withWebhook.ShouldHaveFailure(TenancyErrorCodes.TierWebhookNotAllowed, "WebhookUrl");
        }
    }

    [Fact]
    public void Null_tier_bounded_settings_pass_in_every_tier()
    {
        foreach (var tier in TierProfile.AllTiers)
        {
            _host.Validate(Samples.Tenant(tier) with { Quotas = new(), Sla = new(), Monitoring = new() }).ShouldBeCleanlyValid();
        }
    }

    [Fact]
    public void A_rule_set_the_caller_includes_selects_the_tier_and_keeps_the_common_rules()
    {
        var trialWithManyUsers = Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 50 }, TenantName = "X" };
        var validator = _host.Validator<TenantConfigSchema>();

        var asEnterprise = validator.Validate(trialWithManyUsers, o => o.IncludeRuleSets("enterprise"));
        var asTrial = validator.Validate(trialWithManyUsers, o => o.IncludeRuleSets("trial"));

        asEnterprise.ShouldNotHaveFailure(TenancyErrorCodes.TierQuotaExceeded);
        asEnterprise.ShouldHaveFailure("LengthValidator", "TenantName");
        asTrial.ShouldHaveFailure(TenancyErrorCodes.TierQuotaExceeded, "Quotas.MaxUsers");
    }

    [Fact]
    public void Tier_limits_come_from_the_options_table()
    {
        using var host = new TestHost(o => o.Tiers.Trial = o.Tiers.Trial with { MaxUsers = 5 });

        host.Validate(Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 6 } })
            .ShouldHaveFailure(TenancyErrorCodes.TierQuotaExceeded).ErrorMessage.Should().Contain("limited to 5 users");
        host.Validate(Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 5 } }).ShouldBeCleanlyValid();
    }

    [Fact]
    public void An_undefined_tenant_type_reports_an_unknown_tier_instead_of_crashing()
    {
        var result = _host.Validate(Samples.Tenant() with { TenantType = (TenantType)42 });

        result.ShouldHaveFailure("EnumValidator", "TenantType");
        result.ShouldHaveFailure(TenancyErrorCodes.TierUnknown);
    }

    private static string WireName(TenantFeature feature) =>
        new TenancySchemas.Json.TenancyJson().Write(new TenantConfigSchema { TenantId = "x", TenantName = "x", TenantType = TenantType.Trial, AdminEmail = "a", CountryCode = "US", Features = new HashSet<TenantFeature> { feature } })
            .Split("\"features\":[\"")[1].Split('"')[0];

    public void Dispose() => _host.Dispose();
}
