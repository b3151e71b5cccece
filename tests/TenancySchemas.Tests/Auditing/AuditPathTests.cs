using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Isolation;
using TenancySchemas.Monitoring;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.Auditing;

/// <summary>
/// The audit trail names the caller and keeps document content out: one path style (JSON paths) for read errors and
/// validation failures, map keys as <c>*</c> in both, and the document's claimed tenant beside the caller's.
/// </summary>
public sealed class AuditPathTests
{
    [Fact]
    public void A_read_error_and_a_validation_failure_in_a_map_are_audited_alike_without_the_key()
    {
        using var host = new ObservedHost();
        var monitoring = JsonNode.Parse(host.Json.Write(Samples.Monitoring()))!;
        monitoring["api_keys"] = new JsonObject { ["mk-key-q1"] = 5 };
        host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(monitoring.ToJsonString()), host.Validator<MonitoringConfigSchema>());

        var tenant = Samples.Tenant() with { ApiEndpoints = new Dictionary<string, string> { ["mk-key-q2"] = "not a url" } };
        host.Validator<TenantConfigSchema>().Validate(tenant);

        var paths = host.Sink.Events.Select(e => e.Properties["ErrorPaths"].ToString()).ToList();
        paths.Should().HaveCount(2);
        paths[0].Should().Contain("\"$.api_keys.*\"");
        paths[1].Should().Contain("\"$.api_endpoints.*\"");
        string.Concat(paths).Should().NotContainAny("mk-key-q1", "mk-key-q2", "ApiEndpoints[");
    }

    [Fact]
    public void Free_form_json_members_are_audited_as_stars_and_record_members_by_their_wire_names()
    {
        using var host = new ObservedHost();
        var alert = JsonNode.Parse(host.Json.Write(Samples.Alert()))!;
        alert["context"] = new JsonObject { ["mk-member-q3"] = new JsonObject { ["inner"] = 1 } };
        alert["conditions"]![0]!["duration_minutes"] = "five";

        host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(alert.ToJsonString()), host.Validator<TenancySchemas.Alerts.AlertSchema>());

        var paths = host.Sink.Events.Single().Properties["ErrorPaths"].ToString();
        paths.Should().Contain("\"$.conditions[0].duration_minutes\"").And.NotContain("mk-member-q3");
    }

    [Fact]
    public void The_audit_names_the_caller_and_the_tenant_the_document_claimed()
    {
        using var host = new ObservedHost(o => o.IsolationLevel = IsolationLevel.Moderate);
        host.Services.GetRequiredService<ITenantContextAccessor>().Current = new TenantContext("sprout_trial", TenantType.Trial);

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant(TenantType.Enterprise) with { TenantId = "bakery-42" });
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant(TenantType.Trial) with { TenantId = "sprout_trial" });

        var events = host.Sink.Events.ToList();
        events[0].Properties["TenantId"].ToString().Should().Be("\"sprout_trial\"", "the caller, never the tenant a document claims");
        events[0].Properties["ClaimedTenantId"].ToString().Should().Be("\"bakery-42\"");
        events[0].Properties["ErrorCodes"].ToString().Should().Contain("tenancy.isolation.tenant_mismatch");
        events[1].Properties["TenantId"].ToString().Should().Be("\"sprout_trial\"");
        events[1].Properties.Should().NotContainKey("ClaimedTenantId", "a document of the caller's own claims nothing else");
    }
}
