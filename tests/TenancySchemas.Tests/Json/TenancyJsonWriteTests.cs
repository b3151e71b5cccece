using System.Text.Json;
using TenancySchemas.Json;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Json;

public sealed class TenancyJsonWriteTests : IDisposable
{
    private readonly TestHost _host = new();

    [Fact]
    public void Writing_uses_wire_names_writes_defaults_and_omits_nulls()
    {
        var json = _host.Json.Write(Samples.Tenant(TenantType.Standard) with { Quotas = new() { MaxUsers = 20 } });
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        root.GetProperty("tenant_type").GetString().Should().Be("standard");
        root.GetProperty("status").GetString().Should().Be("provisioning", "defaults are written");
        root.GetProperty("created_at").GetString().Should().Be("2026-10-27T12:00:00.0000000+00:00");
        root.GetProperty("quotas").GetProperty("max_users").GetInt32().Should().Be(20);
        root.GetProperty("quotas").TryGetProperty("max_storage_gb", out _).Should().BeFalse("null members are omitted");
        root.TryGetProperty("updated_at", out _).Should().BeFalse();
        root.GetProperty("monitoring").GetProperty("log_level").GetString().Should().Be("INFO");
        root.GetProperty("features").EnumerateArray().Select(e => e.GetString()).Should()
            .Equal("real_time_monitoring", "api_rate_limiting", "data_encryption", "audit_logging");
    }

    [Fact]
    public void The_features_list_is_written_in_enum_order_whatever_the_input_order()
    {
        var tenant = Samples.Tenant() with { Features = new HashSet<TenantFeature> { TenantFeature.MultiRegionBackup, TenantFeature.AdvancedAnalytics, TenantFeature.AuditLogging } };

        using var document = JsonDocument.Parse(_host.Json.Write(tenant));

        document.RootElement.GetProperty("features").EnumerateArray().Select(e => e.GetString()).Should()
            .Equal("advanced_analytics", "audit_logging", "multi_region_backup");
    }

    [Fact]
    public void The_original_object_form_of_features_is_read_into_features_and_quotas()
    {
        var json = Samples.TenantJson.TrimEnd().TrimEnd('}') +
            ", \"features\": {\"advanced_analytics\": true, \"audit_logging\": false, \"max_users\": 50, \"backup_retention\": 14}}";

        var tenant = _host.Json.Read<TenantConfigSchema>(json).Value!;

        tenant.Features.Should().BeEquivalentTo([TenantFeature.AdvancedAnalytics, TenantFeature.RealTimeMonitoring, TenantFeature.ApiRateLimiting, TenantFeature.DataEncryption]);
        tenant.Quotas.Should().Be(new TenantQuotas { MaxUsers = 50, BackupRetention = 14 });
        tenant.IsFeatureEnabled("backup_retention").Should().BeFalse("a quota is not a feature");
    }

    [Fact]
    public void The_same_quota_in_both_places_must_agree()
    {
        var agree = Samples.TenantJson.TrimEnd().TrimEnd('}') + ", \"features\": {\"max_users\": 50}, \"quotas\": {\"max_users\": 50}}";
        var conflict = Samples.TenantJson.TrimEnd().TrimEnd('}') + ", \"features\": {\"max_users\": 50}, \"quotas\": {\"max_users\": 40}}";

        _host.Json.Read<TenantConfigSchema>(agree).Value!.Quotas.MaxUsers.Should().Be(50);
        var error = _host.Json.Read<TenantConfigSchema>(conflict).Errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonFeatureConflict);
        error.ErrorMessage.Should().Be("Quota 'max_users' is given in both features and quotas with different values");
    }

    [Theory]
    [InlineData("[\"advanced_analytics\", \"teleport\"]", TenancyErrorCodes.JsonUnknownEnumValue, "$.features[1]")]
    [InlineData("[\"advanced_analytics\", 3]", TenancyErrorCodes.JsonInvalidKind, "$.features[1]")]
    [InlineData("{\"advanced_analytics\": \"yes\"}", TenancyErrorCodes.JsonInvalidKind, "$.features.advanced_analytics")]
    [InlineData("{\"max_users\": 5.5}", TenancyErrorCodes.JsonInvalidKind, "$.features.max_users")]
    [InlineData("{\"teleport\": true}", TenancyErrorCodes.JsonUnknownMember, "$.features")]
    public void Bad_features_are_read_errors(string features, string code, string path)
    {
        var json = Samples.TenantJson.TrimEnd().TrimEnd('}') + $", \"features\": {features}}}";

        var error = _host.Json.Read<TenantConfigSchema>(json).Errors.Should().ContainSingle().Which;

        (error.ErrorCode, error.PropertyName).Should().Be((code, path));
    }

    [Fact]
    public void Duplicate_feature_names_collapse()
    {
        var json = Samples.TenantJson.TrimEnd().TrimEnd('}') + ", \"features\": [\"audit_logging\", \"audit_logging\"]}";

        _host.Json.Read<TenantConfigSchema>(json).Value!.Features.Should().Equal(TenantFeature.AuditLogging);
    }

    [Fact]
    public void Two_reads_of_one_document_are_equal_and_a_write_reads_back_equal()
    {
        var json = Samples.TenantJson.TrimEnd().TrimEnd('}') +
            ", \"metadata\": {\"b\": {\"x\": [1, 2.50, \"z\"], \"y\": null}, \"a\": 1}, \"tags\": {\"team\": \"core\"}, \"api_endpoints\": {\"v1\": \"https://api.acme.com\"}}";

        var first = _host.Json.Read<TenantConfigSchema>(json).Value!;
        var second = _host.Json.Read<TenantConfigSchema>(json).Value!;
        var again = _host.Json.Read<TenantConfigSchema>(_host.Json.Write(first)).Value!;

        second.Should().Be(first);
        again.Should().Be(first);
        again.GetHashCode().Should().Be(first.GetHashCode());
    }

    [Fact]
    public void Json_values_compare_deeply_ignoring_member_order_and_number_spelling()
    {
        var a = _host.Json.Read<TenantConfigSchema>(Samples.TenantJson.TrimEnd().TrimEnd('}') + ", \"metadata\": {\"m\": {\"x\": 1, \"y\": 2.0}}}").Value!;
        var b = _host.Json.Read<TenantConfigSchema>(Samples.TenantJson.TrimEnd().TrimEnd('}') + ", \"metadata\": {\"m\": {\"y\": 2, \"x\": 1.0}}}").Value!;
        var c = _host.Json.Read<TenantConfigSchema>(Samples.TenantJson.TrimEnd().TrimEnd('}') + ", \"metadata\": {\"m\": {\"y\": 3, \"x\": 1}}}").Value!;

        b.Should().Be(a);
        c.Should().NotBe(a);
    }

    [Fact]
    public void Records_compare_collections_by_value_and_timestamps_by_instant()
    {
        var a = Samples.Tenant() with { ComplianceLevels = [ComplianceLevel.Basic, ComplianceLevel.Gdpr], Tags = new Dictionary<string, string> { ["a"] = "1" } };
        var b = Samples.Tenant() with
        {
            ComplianceLevels = new List<ComplianceLevel> { ComplianceLevel.Basic, ComplianceLevel.Gdpr },
            Tags = new SortedDictionary<string, string> { ["a"] = "1" },
            CreatedAt = a.CreatedAt.ToOffset(TimeSpan.FromHours(-7)),
        };

        b.Should().Be(a);
        b.GetHashCode().Should().Be(a.GetHashCode());
        (a with { ComplianceLevels = [ComplianceLevel.Gdpr, ComplianceLevel.Basic] }).Should().NotBe(a, "lists compare in order");
    }

    [Fact]
    public void A_record_does_not_change_when_the_callers_collection_does()
    {
        var levels = new List<ComplianceLevel> { ComplianceLevel.Basic };
        var tenant = Samples.Tenant() with { ComplianceLevels = levels };

        levels.Add(ComplianceLevel.Hipaa);

        tenant.ComplianceLevels.Should().Equal(ComplianceLevel.Basic);
    }

    public void Dispose() => _host.Dispose();
}
