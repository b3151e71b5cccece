using System.Text;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Tenants;

public sealed class TenantConfigUpdateTests : IDisposable
{
    private readonly TestHost _host = new();

    [Fact]
    public void An_empty_update_is_valid_and_changes_nothing()
    {
        var update = new TenantConfigUpdateSchema();
        var tenant = Samples.Tenant();

        _host.Validate(update).ShouldBeCleanlyValid();
        update.ApplyTo(tenant).Should().Be(tenant);
    }

    [Fact]
    public void The_update_validator_checks_formats_and_nested_ranges()
    {
        var update = new TenantConfigUpdateSchema
        {
            TenantName = "X",
            AdminEmail = "nope",
            ContactPhone = "555",
            Timezone = "Nowhere/Land",
            WebhookUrl = "file:///etc/passwd",
            Sla = new() { ResponseTimeMs = 1 },
            Security = new() { IpWhitelist = ["999.1.1.1"] },
        };

        var result = _host.Validate(update);

        result.Errors.Select(e => (e.ErrorCode, e.PropertyName)).Should().BeEquivalentTo(
        [
            ("LengthValidator", "TenantName"),
            (TenancyErrorCodes.InvalidEmail, "AdminEmail"),
            (TenancyErrorCodes.InvalidPhone, "ContactPhone"),
            (TenancyErrorCodes.InvalidTimeZone, "Timezone"),
            (TenancyErrorCodes.InvalidUrl, "WebhookUrl"),
            ("InclusiveBetweenValidator", "Sla.ResponseTimeMs"),
            (TenancyErrorCodes.InvalidIpOrCidr, "Security.IpWhitelist[0]"),
        ]);
        result.Errors.Should().NotContain(e => e.ErrorCode == TenancyErrorCodes.TierUnknown, "an update has no tier rules of its own");
    }

    [Fact]
    public void ApplyTo_replaces_what_is_set_and_keeps_the_rest()
    {
        var tenant = Samples.Tenant() with { Organization = "Acme", Tags = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        var update = new TenantConfigUpdateSchema { TenantName = "Acme Global", Tags = new Dictionary<string, string> { ["c"] = "3" }, Sla = new() { RecoveryTimeHours = 2 } };

        var updated = update.ApplyTo(tenant, TestHost.Now);

        updated.TenantName.Should().Be("Acme Global");
        updated.Organization.Should().Be("Acme");
        updated.Tags.Should().BeEquivalentTo(new Dictionary<string, string> { ["c"] = "3" }, "maps are replaced whole");
        updated.Sla.Should().Be(new TenantSla { RecoveryTimeHours = 2 }, "nested objects are replaced whole");
        updated.UpdatedAt.Should().Be(TestHost.Now);
        updated.TenantId.Should().Be(tenant.TenantId);
        update.ApplyTo(tenant).UpdatedAt.Should().BeNull("updated_at changes only when given");
    }

    [Fact]
    public void The_merged_tenant_is_checked_against_cross_field_and_tier_rules()
    {
        var trial = Samples.Tenant(TenantType.Trial);
        var update = new TenantConfigUpdateSchema { ComplianceLevels = [ComplianceLevel.Hipaa], Quotas = new() { MaxUsers = 11 } };

        _host.Validate(update).ShouldBeCleanlyValid();
        var merged = _host.Validate(update.ApplyTo(trial));

        merged.ShouldHaveFailure(TenancyErrorCodes.HipaaRequiresMfa);
        merged.ShouldHaveFailure(TenancyErrorCodes.TierQuotaExceeded, "Quotas.MaxUsers");
        merged.ShouldHaveFailure(TenancyErrorCodes.TierComplianceNotAllowed);
    }

    [Fact]
    public void Non_updatable_members_are_unknown_members_on_the_wire()
    {
        var result = _host.Json.Read<TenantConfigUpdateSchema>("""{"tenant_name": "New", "tenant_id": "other", "country_code": "FR"}""");

        result.Errors.Should().HaveCount(2).And.OnlyContain(e => e.ErrorCode == TenancyErrorCodes.JsonUnknownMember);
    }

    [Fact]
    public void An_object_form_features_update_sets_features_and_quotas()
    {
        var update = _host.Json.Read<TenantConfigUpdateSchema>("""{"features": {"custom_alerts": true, "max_users": 25}}""").Value!;

        update.Features.Should().Contain(TenantFeature.CustomAlerts);
        update.Quotas.Should().Be(new TenantQuotas { MaxUsers = 25 });
        _host.Json.ReadAndValidate(Encoding.UTF8.GetBytes("""{"status": "active"}"""), _host.Validator<TenantConfigUpdateSchema>()).IsValid.Should().BeTrue();
    }

    public void Dispose() => _host.Dispose();
}
