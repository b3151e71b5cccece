using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.Tenants;

public sealed class TenantConfigHelperTests
{
    private static readonly TierProfile Profile = new();

    [Fact]
    public void IsFeatureEnabled_works_by_enum_and_by_wire_name()
    {
        var tenant = Samples.Tenant() with { Features = new HashSet<TenantFeature> { TenantFeature.CustomAlerts } };

        tenant.IsFeatureEnabled(TenantFeature.CustomAlerts).Should().BeTrue();
        tenant.IsFeatureEnabled(TenantFeature.AuditLogging).Should().BeFalse();
        tenant.IsFeatureEnabled("custom_alerts").Should().BeTrue();
        tenant.IsFeatureEnabled("CustomAlerts").Should().BeFalse("wire names are exact");
        tenant.IsFeatureEnabled("teleportation").Should().BeFalse();
    }

    [Fact]
    public void Effective_quotas_and_sla_of_a_default_trial_tenant_are_the_tier_values()
    {
        var trial = Samples.Tenant(TenantType.Trial);

        trial.GetEffectiveQuotas(Profile).Should().Be(new TenantQuotas { MaxUsers = 10, MaxStorageGb = 10, MaxApiCallsPerHour = 1000, BackupRetention = 7 });
        var sla = trial.GetEffectiveSla(Profile);
        (sla.UptimePercentage, sla.ResponseTimeMs, sla.SupportResponseMinutes).Should().Be((99.0, 2000, 480));
    }

    [Fact]
    public void Effective_values_keep_what_the_tenant_set()
    {
        var tenant = Samples.Tenant(TenantType.Professional) with { Quotas = new() { MaxUsers = 42 }, Sla = new() { ResponseTimeMs = 900 } };

        tenant.GetEffectiveQuotas(Profile).MaxUsers.Should().Be(42);
        tenant.GetEffectiveQuotas(Profile).MaxStorageGb.Should().Be(500);
        tenant.GetEffectiveSla(Profile).ResponseTimeMs.Should().Be(900);
    }

    [Fact]
    public void Compliance_requirements_list_gdpr_and_hipaa_only()
    {
        var tenant = Samples.Tenant() with { ComplianceLevels = [ComplianceLevel.Basic, ComplianceLevel.Gdpr, ComplianceLevel.Hipaa, ComplianceLevel.Soc2] };

        var requirements = tenant.GetComplianceRequirements();

        requirements.Keys.Should().BeEquivalentTo([ComplianceLevel.Gdpr, ComplianceLevel.Hipaa]);
        requirements[ComplianceLevel.Gdpr].Should().Equal("data_encryption", "audit_logging", "right_to_erasure", "data_portability");
        requirements[ComplianceLevel.Hipaa].Should().Equal("mfa_required", "audit_logging", "data_encryption", "access_controls");
    }

    [Fact]
    public void Sla_compliance_of_default_trial_and_enterprise_tenants_matches_the_spec()
    {
        Samples.Tenant(TenantType.Trial).ValidateSlaCompliance(Profile).Should().BeEquivalentTo(new Dictionary<string, bool>
        {
            ["uptime_target"] = true,
            ["response_time"] = false,
            ["backup_frequency"] = true,
            ["support_response"] = false,
        });
        Samples.Tenant(TenantType.Enterprise).ValidateSlaCompliance(Profile).Values.Should().AllSatisfy(v => v.Should().BeTrue());
    }

    [Fact]
    public void Helpers_refuse_a_null_profile_as_a_programmer_error()
    {
        var act = () => Samples.Tenant().GetEffectiveQuotas(null!);

        act.Should().Throw<ArgumentNullException>();
    }
}
