using CsCheck;
using FluentValidation;
using TenancySchemas.Alerts;
using TenancySchemas.Isolation;
using TenancySchemas.Monitoring;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Isolation;

/// <summary>The three isolation levels: tenant context, tenant mismatch, URL guard and cross-tenant references.</summary>
public sealed class IsolationTests
{
    public static readonly TheoryData<string> ForbiddenUnderStrict = new(
    [
        "https://localhost/hook", "https://LOCALHOST./hook", "https://api.localhost/hook", "https://printer.local/x", "https://metadata.google.internal/x",
        "https://127.0.0.1/", "https://127.0.0.2:8443/", "https://127.1/", "https://2130706433/", "https://0x7f000001/", "https://0177.0.0.1/",
        "https://0x7f.0.0.1/", "https://017700000001/", "https://127.000.000.001/", "https://[::1]/", "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:7f00:1]/", "https://[::127.0.0.1]/", "https://10.0.0.1/", "https://10.255.255.255/", "https://172.16.0.1/",
        "https://172.31.255.254/", "https://192.168.1.1/", "https://192.168.0.254:8080/", "https://169.254.169.254/latest/meta-data",
        "https://169.254.170.2/v2/credentials", "https://169.254.0.1/", "https://[fe80::1]/", "https://[fd00:ec2::254]/", "https://[fc00::1]/",
        "https://[fd12:3456::1]/", "https://100.64.0.1/", "https://100.127.255.254/", "https://100.100.100.200/", "https://224.0.0.1/",
        "https://239.255.255.250/", "https://[ff02::1]/", "https://0.0.0.0/", "https://0/", "https://[::]/", "https://[::ffff:10.0.0.1]/",
        "https://[::ffff:169.254.169.254]/", "https://255.255.255.255/",
    ]);

    public static readonly TheoryData<string> Public = new(
    [
        "https://hooks.acme.com/tenancy", "https://api.github.com/repos", "https://8.8.8.8/dns", "https://[2001:4860:4860::8888]/",
        "https://172.32.0.1/", "https://100.128.0.1/", "https://example.co.uk:8443/a?b=c", "https://1.1.1.1/",
    ]);

    private static TenantConfigSchema WithWebhook(string url) => Samples.Tenant() with { WebhookUrl = url };

    [Theory]
    [MemberData(nameof(ForbiddenUnderStrict))]
    public void Private_loopback_link_local_and_metadata_notations_are_rejected_under_strict(string url)
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Strict);
        host.TenantContext.Current = new TenantContext("acme_01");

        host.Validate(WithWebhook(url)).ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, "WebhookUrl");
    }

    [Theory]
    [MemberData(nameof(Public))]
    public void Ordinary_public_https_urls_are_accepted_under_strict(string url)
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Strict);
        host.TenantContext.Current = new TenantContext("acme_01");

        host.Validate(WithWebhook(url)).ShouldBeCleanlyValid();
    }

    [Fact]
    public void Strict_requires_https_on_every_url_member_of_every_family()
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Strict);
        host.TenantContext.Current = new TenantContext("acme_01");

        host.Validate(Samples.Tenant() with { CustomDomain = "http://status.acme.com", ApiEndpoints = new Dictionary<string, string> { ["v1"] = "http://api.acme.com" } })
            .Errors.Where(e => e.ErrorCode == TenancyErrorCodes.HttpsRequired).Select(e => e.PropertyName).Should().BeEquivalentTo(["CustomDomain", "ApiEndpoints[v1]"]);
        host.Validator<MonitoringConfigSchema>().Validate(Samples.Monitoring(), new TenancyValidationContext { Tier = TenantType.Enterprise })
            .ShouldHaveFailure(TenancyErrorCodes.HttpsRequired, "Targets[0].Endpoint");
        host.Validator<AlertSchema>().Validate(Samples.Alert() with { RunbookUrl = "https://wiki.internal/cpu" }, new TenancyValidationContext { Tier = TenantType.Enterprise })
            .ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, "RunbookUrl").ErrorMessage.Should().Contain("strict");
        host.Validator<AlertSchema>().Validate(Samples.Alert() with { WebhookUrls = ["https://hooks.acme.com/a", "http://hooks.acme.com/b"] }, new TenancyValidationContext { Tier = TenantType.Enterprise })
            .Errors.Where(e => e.ErrorCode == TenancyErrorCodes.HttpsRequired).Select(e => e.PropertyName).Should().Equal("WebhookUrls[1]");
    }

    [Theory]
    [InlineData("http://127.0.0.1/x", true)]
    [InlineData("http://localhost:9090/", true)]
    [InlineData("http://169.254.169.254/latest", true)]
    [InlineData("http://[fe80::1]/", true)]
    [InlineData("http://10.0.0.5/hook", false)]
    [InlineData("http://prometheus:9090", false)]
    [InlineData("http://hooks.acme.com/x", false)]
    public void Moderate_forbids_loopback_link_local_and_metadata_only(string url, bool forbidden)
    {
        using var host = new TestHost();

        var result = host.Validate(WithWebhook(url));

        if (forbidden)
        {
            result.ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, "WebhookUrl");
        }
        else
        {
            result.ShouldBeCleanlyValid();
        }
    }

    [Fact]
    public void Basic_checks_formats_only()
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Basic);
        host.TenantContext.Current = new TenantContext("someone_else");

        host.Validate(WithWebhook("http://127.0.0.1/x")).ShouldBeCleanlyValid();
    }

    [Fact]
    public void Strict_without_a_tenant_context_fails_closed()
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Strict);

        var result = host.Validate(Samples.Tenant());

        result.ShouldHaveFailure(TenancyErrorCodes.NoTenantContext).ErrorMessage.Should().Be("Strict isolation requires a current tenant; none is set");
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant(), new TenancyValidationContext { ExpectedTenantId = "acme_01" }).ShouldBeCleanlyValid();
    }

    [Theory]
    [InlineData(IsolationLevel.Strict, true)]
    [InlineData(IsolationLevel.Moderate, true)]
    [InlineData(IsolationLevel.Basic, false)]
    public void A_document_of_another_tenant_than_the_current_one_is_a_mismatch(IsolationLevel level, bool mismatch)
    {
        using var host = new TestHost(o => o.IsolationLevel = level);
        host.TenantContext.Current = new TenantContext("globex_02");

        var result = host.Validate(Samples.Tenant());

        if (mismatch)
        {
            result.ShouldHaveFailure(TenancyErrorCodes.TenantMismatch, "TenantId").ErrorMessage.Should().Be("tenant_id 'acme_01' does not match the expected tenant 'globex_02'");
        }
        else
        {
            result.ShouldBeCleanlyValid();
        }
    }

    [Fact]
    public void Under_strict_a_tenant_alert_may_not_reach_another_tenant()
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Strict);
        host.TenantContext.Current = new TenantContext("acme_01", TenantType.Enterprise);
        var alert = Samples.TenantAlert() with
        {
            CrossTenantVisibility = true,
            TenantPermissions = new Dictionary<string, IReadOnlyList<string>> { ["acme_01"] = ["read"], ["globex_02"] = ["read"] },
            DelegationRules = [new Dictionary<string, System.Text.Json.JsonElement> { ["tenant_id"] = System.Text.Json.JsonSerializer.SerializeToElement("initech_03") }],
        };

        var result = host.Validator<TenantAlertSchema>().Validate(alert);

        result.Errors.Where(e => e.ErrorCode == TenancyErrorCodes.CrossTenantReference).Select(e => e.PropertyName)
            .Should().BeEquivalentTo(["CrossTenantVisibility", "TenantPermissions[globex_02]", "DelegationRules[0]"]);
        result.ShouldHaveFailure(TenancyErrorCodes.CrossTenantReference, "TenantPermissions[globex_02]").ErrorMessage
            .Should().Be("tenant_permissions.globex_02 refers to tenant 'globex_02'; cross-tenant references are not allowed at isolation level strict");
    }

    [Fact]
    public void Under_moderate_cross_tenant_visibility_is_enterprise_only_and_delegation_follows_permissions()
    {
        using var host = new TestHost();
        var alert = Samples.TenantAlert() with
        {
            CrossTenantVisibility = true,
            TenantPermissions = new Dictionary<string, IReadOnlyList<string>> { ["globex_02"] = ["read"] },
            DelegationRules =
            [
                new Dictionary<string, System.Text.Json.JsonElement> { ["tenant_id"] = System.Text.Json.JsonSerializer.SerializeToElement("globex_02") },
                new Dictionary<string, System.Text.Json.JsonElement> { ["tenant_id"] = System.Text.Json.JsonSerializer.SerializeToElement("initech_03") },
            ],
        };
        var validator = host.Validator<TenantAlertSchema>();

        var enterprise = validator.Validate(alert, new TenancyValidationContext { Tier = TenantType.Enterprise });
        var professional = validator.Validate(alert, new TenancyValidationContext { Tier = TenantType.Professional });

        enterprise.Errors.Where(e => e.ErrorCode == TenancyErrorCodes.CrossTenantReference).Select(e => e.PropertyName).Should().Equal("DelegationRules[1]");
        professional.ShouldHaveFailure(TenancyErrorCodes.CrossTenantReference, "CrossTenantVisibility");
    }

    [Fact]
    public void No_cross_tenant_document_passes_strict_for_random_pairs_of_tenants()
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Strict);
        var validator = host.Validator<TenantConfigSchema>();
        var tenantIds = Gen.String[Gen.Char.AlphaNumeric, 3, 20];

        Gen.Select(tenantIds, tenantIds).Where((a, b) => a != b).Sample((current, other) =>
        {
            var result = validator.Validate(Samples.Tenant() with { TenantId = other }, new TenancyValidationContext { ExpectedTenantId = current });
            result.IsValid.Should().BeFalse();
            result.ShouldHaveFailure(TenancyErrorCodes.TenantMismatch);
        }, iter: 500);
    }

    [Fact]
    public async Task Violations_are_counted_by_isolation_level_and_visible_in_the_audit_event()
    {
        using var host = new ObservedHost(o => o.IsolationLevel = IsolationLevel.Strict);

        host.Validator<TenantConfigSchema>().Validate(WithWebhook("https://10.0.0.1/x"));

        var text = await host.ScrapeAsync();
        text.Should().Contain("tenancy_schema_isolation_violations_total{isolation_level=\"strict\"} 2");
        ((Serilog.Events.SequenceValue)host.Sink.Events.Single().Properties["ErrorCodes"]).Elements.Select(e => e.ToString().Trim('"'))
            .Should().Contain([TenancyErrorCodes.NoTenantContext, TenancyErrorCodes.PrivateEndpoint]);
    }

    [Fact]
    public void Under_strict_audit_trails_batch_notifications_and_global_rules_reaching_other_tenants_are_cross_tenant_references()
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Strict);
        host.TenantContext.Current = new TenantContext("acme_01", TenantType.Enterprise);
        var compliance = Samples.Compliance() with
        {
            AuditTrails = [new TenancySchemas.Compliance.AuditTrail { UserId = "u", TenantId = "globex_02", Action = "a", ResourceType = "r", ResourceId = "i", Success = true }],
        };
        var batch = Samples.Batch() with { Notifications = [Samples.Notification() with { TenantId = "globex_02" }] };
        var rule = new TenancySchemas.Notifications.NotificationRule { RuleId = "r", Name = "n", Conditions = new Dictionary<string, System.Text.Json.JsonElement>(), Actions = [] };

        host.Validator<TenancySchemas.Compliance.ComplianceSchema>().Validate(compliance).ShouldHaveFailure(TenancyErrorCodes.CrossTenantReference, "AuditTrails[0].TenantId");
        host.Validator<TenancySchemas.Notifications.NotificationBatchSchema>().Validate(batch).ShouldHaveFailure(TenancyErrorCodes.CrossTenantReference, "Notifications[0].TenantId");
        host.Validator<TenancySchemas.Notifications.NotificationRule>().Validate(rule).ShouldHaveFailure(TenancyErrorCodes.CrossTenantReference, "TenantId");
        host.Validator<TenancySchemas.Notifications.NotificationRule>().Validate(rule with { TenantId = "acme_01" }).ShouldBeCleanlyValid();
    }
}
