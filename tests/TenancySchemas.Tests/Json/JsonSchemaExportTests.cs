using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Compliance;
using TenancySchemas.Json;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Performance;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;
using TenancySchemas.Warnings;
using TenantType = TenancySchemas.Tiers.TenantType;

namespace TenancySchemas.Tests.Json;

/// <summary>
/// The exported JSON Schemas, checked with an independent validator (JsonSchema.Net): valid documents are valid against
/// them, documents breaking a field constraint are not, and the validators agree on those documents.
/// </summary>
public sealed class JsonSchemaExportTests : IDisposable
{
    private static IReadOnlyDictionary<string, Type> SchemaByName => Robustness.BundledDocuments.TypeByName;

    private readonly TestHost _host = new();

    private TenancyJsonSchemaExporter Exporter => _host.Services.GetRequiredService<TenancyJsonSchemaExporter>();

    public static TheoryData<Type, TenantType?> SchemasAndTiers()
    {
        var data = new TheoryData<Type, TenantType?>();
        foreach (var type in TenancyJsonSchemaExporter.SchemaTypes)
        {
            data.Add(type, null);
            foreach (var tier in TenancySchemas.Tiers.TierProfile.AllTiers)
            {
                data.Add(type, tier);
            }
        }

        return data;
    }

    public static TheoryData<string> ValidSamples() => new(Robustness.BundledDocuments.All.Select(d => d.File).Where(f => f.EndsWith(".valid.json", StringComparison.Ordinal)));

    private static string SamplesFolder => Robustness.BundledDocuments.Folder;

    [Fact]
    public void Every_schema_family_can_be_exported() =>
        TenancyJsonSchemaExporter.SchemaTypes.Should().BeEquivalentTo(SchemaByName.Values);

    [Theory]
    [MemberData(nameof(SchemasAndTiers))]
    public void Every_export_is_a_valid_draft_2020_12_schema(Type type, TenantType? tier)
    {
        var schema = Exporter.GetSchema(type, tier);

        schema["$schema"]!.GetValue<string>().Should().Be("https://json-schema.org/draft/2020-12/schema");
        schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse("unknown members are read errors at the root");
        var metaResult = MetaSchemas.Draft202012.Evaluate(JsonDocument.Parse(schema.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        metaResult.IsValid.Should().BeTrue(Describe(metaResult));
        Build(schema).Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void Every_valid_bundled_sample_is_valid_against_its_schema_with_and_without_its_tier(string file)
    {
        var (type, tier) = Classify(file);
        var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SamplesFolder, file))).RootElement;

        foreach (var schemaTier in new[] { null, tier }.Distinct())
        {
            var result = Build(Exporter.GetSchema(type, schemaTier)).Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
            result.IsValid.Should().BeTrue($"{file} against the {schemaTier?.ToString() ?? "common"} schema: {Describe(result)}");
        }
    }

    [Fact]
    public void Documents_written_by_the_library_are_valid_against_the_enterprise_schemas()
    {
        var json = _host.Json;
        Valid(json.Write(Samples.Tenant()), typeof(TenantConfigSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.TenantWarning()), typeof(TenantWarningSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.Alert()), typeof(AlertSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.TenantAlert()), typeof(TenantAlertSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.Warning()), typeof(WarningSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.Notification()), typeof(NotificationSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.Batch()), typeof(NotificationBatchSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.Monitoring()), typeof(MonitoringConfigSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.Compliance()), typeof(ComplianceSchema), TenantType.Enterprise);
        Valid(json.Write(Samples.Performance()), typeof(PerformanceMetricsSchema), TenantType.Enterprise);

        void Valid(string document, Type type, TenantType? tier)
        {
            var result = Build(Exporter.GetSchema(type, tier)).Evaluate(JsonDocument.Parse(document).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            result.IsValid.Should().BeTrue($"{type.Name}: {Describe(result)}");
        }
    }

    /// <summary>sample file, JSON path, new JSON value (null text removes the member), the code the validator reports.</summary>
    public static TheoryData<string, string, string?, string> Breaks() => new()
    {
        // Field constraints of the common rules.
        { "alert.trial.valid.json", "$.name", "\"ab\"", "LengthValidator" },
        { "alert.trial.valid.json", "$.severity", "\"catastrophic\"", TenancyErrorCodes.JsonUnknownEnumValue },
        { "alert.trial.valid.json", "$.colour", "\"red\"", TenancyErrorCodes.JsonUnknownMember },
        { "alert.trial.valid.json", "$.conditions", null, TenancyErrorCodes.JsonMissingMember },
        { "alert.trial.valid.json", "$.conditions", "[]", "NotEmptyValidator" },
        { "alert.trial.valid.json", "$.conditions[0].duration_minutes", "0", "InclusiveBetweenValidator" },
        { "alert.trial.valid.json", "$.conditions[0].surprise", "1", TenancyErrorCodes.JsonUnknownMember },
        { "alert.trial.valid.json", "$.tenant_id", "\"a!\"", TenancyErrorCodes.TenantIdFormat },
        { "alert.trial.valid.json", "$.name", "42", TenancyErrorCodes.JsonInvalidKind },
        { "alert.trial.valid.json", "$.created_at", "\"yesterday\"", TenancyErrorCodes.JsonTimestampOffset },
        { "alert.trial.valid.json", "$.created_at", "\"2026-11-20T08:00:00\"", TenancyErrorCodes.JsonTimestampOffset },
        { "monitoring-config.professional.valid.json", "$.retention_days", "366", "InclusiveBetweenValidator" },
        { "performance-metrics.standard.valid.json", "$.overall_performance_score", "101", "InclusiveBetweenValidator" },
        // Tier limits.
        { "alert.trial.valid.json", "$.notification_channels", "[\"slack\"]", TenancyErrorCodes.TierChannelNotAllowed },
        { "alert.trial.valid.json", "$.recipients", "[\"a@x.example\",\"b@x.example\",\"c@x.example\",\"d@x.example\"]", TenancyErrorCodes.TierTooManyRecipients },
        { "alert.trial.valid.json", "$.webhook_urls", "[\"https://hooks.example.com/a\"]", TenancyErrorCodes.TierWebhookNotAllowed },
        { "tenant-config.trial.valid.json", "$.quotas.max_users", "11", TenancyErrorCodes.TierQuotaExceeded },
        { "tenant-config.trial.valid.json", "$.sla", "{\"uptime_percentage\": 99.5}", TenancyErrorCodes.TierSlaUptimeNotAllowed },
        { "monitoring-config.trial.invalid.json", "$.collection_interval_seconds", "60", TenancyErrorCodes.TierCollectionIntervalTooShort },
        { "notification.standard.valid.json", "$.preferred_channels", "[\"sms\"]", TenancyErrorCodes.TierChannelNotAllowed },
        { "compliance.professional.valid.json", "$.applicable_standards", "[\"gdpr\",\"hipaa\"]", TenancyErrorCodes.TierComplianceNotAllowed },
        { "warning.standard.valid.json", "$.auto_mitigation_enabled", "true", TenancyErrorCodes.TierAutoMitigationNotAllowed },
        { "performance-metrics.standard.valid.json", "$.retention_days", "31", TenancyErrorCodes.TierRetentionExceeded },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void A_document_breaking_a_field_constraint_is_invalid_against_the_schema_and_the_validator(string file, string path, string? value, string code)
    {
        var (type, tier) = Classify(file);
        var original = File.ReadAllText(Path.Combine(SamplesFolder, file));
        var text = value is null ? JsonMutation.Remove(original, path) : JsonMutation.Apply(original, path, JsonNode.Parse(value));

        var schemaResult = Build(Exporter.GetSchema(type, tier)).Evaluate(JsonDocument.Parse(text).RootElement);
        schemaResult.IsValid.Should().BeFalse($"{path} = {value ?? "(removed)"} breaks a constraint of the {tier} schema");

        var schema = Robustness.BundledDocuments.All.Single(d => d.File == file).Schema;
        var (_, failures) = Robustness.BundledDocuments.ReadAndValidate(_host.Services, schema, System.Text.Encoding.UTF8.GetBytes(text), tier);
        failures.Select(f => f.ErrorCode).Should().Contain(code, "the validator and the schema agree");
    }

    [Fact]
    public void Tier_schemas_state_the_tier_limits()
    {
        var trial = Exporter.GetSchema<NotificationSchema>(TenantType.Trial);
        var enterprise = Exporter.GetSchema<NotificationSchema>(TenantType.Enterprise);

        trial["properties"]!["recipients"]!["maxItems"]!.GetValue<long>().Should().Be(3);
        enterprise["properties"]!["recipients"]!["maxItems"]!.GetValue<long>().Should().Be(1000);
        trial["properties"]!["preferred_channels"]!["items"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo(["email", "in_app"]);
        Exporter.GetSchema<NotificationSchema>()["properties"]!["recipients"]!["maxItems"].Should().BeNull("the common schema has no tier");
        Exporter.GetSchema<MonitoringConfigSchema>(TenantType.Trial)["properties"]!["collection_interval_seconds"]!["minimum"]!.GetValue<long>().Should().Be(300);
    }

    [Fact]
    public void A_configured_tier_table_shapes_the_tier_schema()
    {
        using var host = new TestHost(o => o.Tiers.Trial = o.Tiers.Trial with { MaxRecipients = 7 });

        host.Services.GetRequiredService<TenancyJsonSchemaExporter>().GetSchema<AlertSchema>(TenantType.Trial)["properties"]!["recipients"]!["maxItems"]!.GetValue<long>().Should().Be(7);
    }

    [Fact]
    public void Each_call_returns_a_copy_and_bad_arguments_are_programmer_errors()
    {
        var first = Exporter.GetSchema<AlertSchema>();
        first["title"] = "changed";

        Exporter.GetSchema<AlertSchema>()["title"]!.GetValue<string>().Should().Be("AlertSchema");
        FluentActions.Invoking(() => Exporter.GetSchema(typeof(string), null)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Exporter.GetSchema(typeof(AlertSchema), (TenantType)42)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Exporter.GetSchema(null!, null)).Should().Throw<ArgumentNullException>();
    }

    private static (Type Type, TenantType? Tier) Classify(string file)
    {
        var document = Robustness.BundledDocuments.All.Single(d => d.File == file);
        return (SchemaByName[document.Schema], document.Tier);
    }

    private static JsonSchema Build(JsonObject schema) =>
        JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static string Describe(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")).Take(10));

    public void Dispose() => _host.Dispose();
}
