using System.Text;
using FluentValidation;
using TenancySchemas.Alerts;
using TenancySchemas.Json;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Json;

/// <summary>Reading: every read failure kind gets its own code and JSON path, all of a document's errors are reported, nothing throws.</summary>
public sealed class TenancyJsonReadTests : IDisposable
{
    private readonly TestHost _host = new();

    private TenancyJson Json => _host.Json;

    private static string Tenant(string extraMembers = "", string replace = "", string with = "")
    {
        var json = Samples.TenantJson;
        if (replace.Length > 0)
        {
            json.Should().Contain(replace, "the test edits an existing member");
            json = json.Replace(replace, with, StringComparison.Ordinal);
        }

        return extraMembers.Length == 0 ? json : json.TrimEnd().TrimEnd('}') + "," + extraMembers + "}";
    }

    [Fact]
    public void A_valid_document_reads_into_the_record_with_the_spec_defaults()
    {
        var result = Json.Read<TenantConfigSchema>(Samples.TenantJson);

        result.Errors.Should().BeEmpty();
        var tenant = result.Value!;
        tenant.TenantType.Should().Be(TenantType.Professional);
        tenant.CreatedAt.Should().Be(new DateTimeOffset(2026, 10, 1, 8, 30, 0, TimeSpan.FromHours(2)));
        tenant.CreatedAt.Offset.Should().Be(TimeSpan.FromHours(2), "the offset is kept");
        tenant.Status.Should().Be(TenantStatus.Provisioning);
        tenant.Timezone.Should().Be("UTC");
        tenant.IsolationLevel.Should().Be(TenancySchemas.Isolation.IsolationLevel.Moderate);
        tenant.ComplianceLevels.Should().Equal(ComplianceLevel.Basic);
        tenant.Features.Should().BeEquivalentTo([TenantFeature.RealTimeMonitoring, TenantFeature.ApiRateLimiting, TenantFeature.DataEncryption, TenantFeature.AuditLogging]);
        tenant.Sla.RecoveryTimeHours.Should().Be(4);
        tenant.Sla.UptimePercentage.Should().BeNull("null means the tier value applies");
        tenant.Security.EncryptionLevel.Should().Be("AES-256");
        tenant.Security.PasswordPolicy["min_length"].GetInt32().Should().Be(8);
        tenant.Monitoring.LogLevel.Should().Be(TenantLogLevel.Info);
        tenant.Billing.Currency.Should().Be("USD");
        tenant.UpdatedAt.Should().BeNull("updated_at is never filled automatically");
    }

    [Fact]
    public void An_omitted_created_at_is_now_from_the_injected_clock()
    {
        var result = Json.Read<TenantConfigSchema>(Tenant(replace: ",\n  \"created_at\": \"2026-10-01T08:30:00+02:00\"", with: string.Empty));

        result.Value!.CreatedAt.Should().Be(TestHost.Now);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_position()
    {
        var result = Json.Read<TenantConfigSchema>("{\"tenant_id\": \"acme_01\", \"sla\": {\"uptime_percentage\": }}");

        var error = result.Errors.Should().ContainSingle().Which;
        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonMalformed);
        error.PropertyName.Should().Be("$.sla.uptime_percentage");
        error.ErrorMessage.Should().StartWith("The document is not valid JSON: ");
        result.Value.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1, 2")]
    [InlineData("{\"tenant_id\": \"a\"} trailing")]
    [InlineData("{\"tenant_id\": 'single'}")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("// comment\n{}")]
    public void Anything_that_is_not_json_is_malformed(string text) =>
        Json.Read<TenantConfigSchema>(text).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonMalformed);

    [Fact]
    public void Invalid_utf8_is_malformed()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.TenantJson).ToList();
        var at = bytes.IndexOf((byte)'A');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        Json.Read<TenantConfigSchema>(bytes.ToArray()).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonMalformed);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_parsing()
    {
        using var host = new TestHost(o => o.Json.MaxDocumentBytes = 100);

        var error = host.Json.Read<TenantConfigSchema>(Samples.TenantJson).Errors.Should().ContainSingle().Which;

        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonDocumentTooLarge);
        error.ErrorMessage.Should().Be($"The document is {Encoding.UTF8.GetByteCount(Samples.TenantJson)} bytes; the limit is 100");
    }

    [Fact]
    public void The_default_size_limit_is_one_mebibyte()
    {
        var huge = Tenant($"\"organization\": \"{new string('x', 1024 * 1024)}\"");

        Json.Read<TenantConfigSchema>(huge).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonDocumentTooLarge);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_reported_where_it_happens()
    {
        var deep = new string('[', 70) + new string(']', 70);

        var error = Json.Read<TenantConfigSchema>(Tenant($"\"metadata\": {{\"deep\": {deep}}}")).Errors.Should().ContainSingle().Which;

        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonTooDeep);
        error.PropertyName.Should().StartWith("$.metadata.deep[0][0]");
        error.ErrorMessage.Should().Contain("64 levels");
    }

    [Fact]
    public void Nesting_of_64_levels_is_accepted()
    {
        var deep = new string('[', 62) + new string(']', 62);

        Json.Read<TenantConfigSchema>(Tenant($"\"metadata\": {{\"deep\": {deep}}}")).Errors.Should().BeEmpty();
    }

    [Fact]
    public void A_hundred_thousand_levels_do_not_overflow_the_stack()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);

        Json.Read<TenantConfigSchema>(deep).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonTooDeep);
    }

    [Fact]
    public void Unknown_members_are_rejected_at_the_root_and_below()
    {
        var result = Json.Read<TenantConfigSchema>(Tenant("\"plan\": \"gold\", \"sla\": {\"uptime\": 99}"));

        result.Errors.Select(e => (e.ErrorCode, e.PropertyName)).Should().BeEquivalentTo(
        [
            (TenancyErrorCodes.JsonUnknownMember, "$"),
            (TenancyErrorCodes.JsonUnknownMember, "$.sla"),
        ]);
        result.Errors[0].ErrorMessage.Should().Be("Unknown member 'plan' at $");
    }

    [Fact]
    public void IgnoreUnknownNestedMembers_ignores_them_below_the_root_only()
    {
        using var host = new TestHost(o => o.Json.IgnoreUnknownNestedMembers = true);

        host.Json.Read<TenantConfigSchema>(Tenant("\"sla\": {\"uptime\": 99, \"response_time_ms\": 800}")).Value!.Sla.ResponseTimeMs.Should().Be(800);
        host.Json.Read<TenantConfigSchema>(Tenant("\"plan\": \"gold\"")).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonUnknownMember);
    }

    [Fact]
    public void Missing_required_members_are_each_reported()
    {
        var result = Json.Read<TenantConfigSchema>("{\"tenant_name\": \"Acme\"}");

        result.Errors.Should().OnlyContain(e => e.ErrorCode == TenancyErrorCodes.JsonMissingMember && e.PropertyName == "$");
        result.Errors.Select(e => e.ErrorMessage).Should().BeEquivalentTo(
        [
            "Required member 'tenant_id' is missing at $",
            "Required member 'tenant_type' is missing at $",
            "Required member 'admin_email' is missing at $",
            "Required member 'country_code' is missing at $",
        ]);
    }

    [Theory]
    [InlineData("\"tenant_name\": null", "$.tenant_name")]
    [InlineData("\"status\": null", "$.status")]
    [InlineData("\"sla\": null", "$.sla")]
    [InlineData("\"tags\": {\"team\": null}", "$.tags.team")]
    [InlineData("\"compliance_levels\": [\"basic\", null]", "$.compliance_levels[1]")]
    [InlineData("\"security\": {\"ssl_required\": null}", "$.security.ssl_required")]
    public void Null_for_a_non_nullable_member_is_reported(string member, string path)
    {
        var json = member.StartsWith("\"tenant_name\"", StringComparison.Ordinal)
            ? Tenant(replace: "\"tenant_name\": \"Acme Corporation\"", with: member)
            : Tenant(member);

        var error = Json.Read<TenantConfigSchema>(json).Errors.Should().ContainSingle().Which;

        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonNullNotAllowed);
        error.PropertyName.Should().Be(path);
    }

    [Fact]
    public void Null_for_a_nullable_member_is_accepted()
    {
        var tenant = Json.Read<TenantConfigSchema>(Tenant("\"updated_at\": null, \"contact_phone\": null, \"sla\": {\"uptime_percentage\": null}, \"metadata\": {\"note\": null}")).Value!;

        tenant.UpdatedAt.Should().BeNull();
        tenant.Metadata["note"].ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Theory]
    [InlineData("\"sla\": {\"response_time_ms\": \"500\"}", "$.sla.response_time_ms", "an integer")]
    [InlineData("\"sla\": {\"response_time_ms\": 500.5}", "$.sla.response_time_ms", "an integer")]
    [InlineData("\"sla\": {\"uptime_percentage\": \"99.9\"}", "$.sla.uptime_percentage", "a number")]
    [InlineData("\"security\": {\"ssl_required\": 1}", "$.security.ssl_required", "true or false")]
    [InlineData("\"security\": {\"ssl_required\": \"yes\"}", "$.security.ssl_required", "true or false")]
    [InlineData("\"organization\": 42", "$.organization", "a string")]
    [InlineData("\"tags\": {\"team\": 7}", "$.tags.team", "a string")]
    [InlineData("\"tags\": [\"team\"]", "$.tags", "an object")]
    [InlineData("\"compliance_levels\": \"basic\"", "$.compliance_levels", "an array")]
    [InlineData("\"quotas\": {\"max_users\": 1e400}", "$.quotas.max_users", "an integer")]
    [InlineData("\"quotas\": {\"max_users\": 99999999999}", "$.quotas.max_users", "an integer")]
    [InlineData("\"billing\": {\"credit_limit\": \"NaN\"}", "$.billing.credit_limit", "a number")]
    [InlineData("\"features\": 5", "$.features", "a list of feature names or an object")]
    public void No_value_is_coerced_between_kinds(string member, string path, string expected)
    {
        var error = Json.Read<TenantConfigSchema>(Tenant(member)).Errors.Should().ContainSingle().Which;

        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonInvalidKind);
        error.PropertyName.Should().Be(path);
        error.ErrorMessage.Should().Be($"Expected {expected} at {path}");
    }

    [Fact]
    public void A_root_that_is_not_an_object_is_the_wrong_kind() =>
        Json.Read<TenantConfigSchema>("[1, 2]").Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonInvalidKind);

    [Theory]
    [InlineData("\"tenant_type\": \"gold\"", "\"tenant_type\": \"professional\"", "$.tenant_type", "'gold' is not a valid TenantType at $.tenant_type")]
    [InlineData("\"tenant_type\": \"Professional\"", "\"tenant_type\": \"professional\"", "$.tenant_type", "'Professional' is not a valid TenantType at $.tenant_type")]
    public void Enum_values_are_exact_wire_strings(string member, string original, string path, string message)
    {
        var error = Json.Read<TenantConfigSchema>(Tenant(replace: original, with: member)).Errors.Should().ContainSingle().Which;

        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonUnknownEnumValue);
        error.PropertyName.Should().Be(path);
        error.ErrorMessage.Should().Be(message);
    }

    [Fact]
    public void A_number_for_an_enum_is_the_wrong_kind() =>
        Json.Read<TenantConfigSchema>(Tenant("\"status\": 0")).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonInvalidKind);

    [Fact]
    public void Upper_case_log_levels_are_the_wire_values()
    {
        Json.Read<TenantConfigSchema>(Tenant("\"monitoring\": {\"log_level\": \"WARNING\"}")).Value!.Monitoring.LogLevel.Should().Be(TenantLogLevel.Warning);
        Json.Read<TenantConfigSchema>(Tenant("\"monitoring\": {\"log_level\": \"warning\"}")).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonUnknownEnumValue);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-01-01")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("1767225600")]
    public void Timestamps_need_iso_8601_with_an_offset(string value)
    {
        var quoted = value.All(char.IsAsciiDigit) ? value : $"\"{value}\"";

        var error = Json.Read<TenantConfigSchema>(Tenant($"\"updated_at\": {quoted}")).Errors.Should().ContainSingle().Which;

        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonTimestampOffset);
        error.PropertyName.Should().Be("$.updated_at");
    }

    [Theory]
    [InlineData("2026-01-01T10:00:00Z")]
    [InlineData("2026-01-01T10:00:00.123456+05:30")]
    [InlineData("2026-01-01T10:00:00-08:00")]
    public void Timestamps_with_an_offset_are_accepted(string value) =>
        Json.Read<TenantConfigSchema>(Tenant($"\"updated_at\": \"{value}\"")).Value!.UpdatedAt.Should().Be(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Every_read_error_of_a_document_is_reported_not_only_the_first()
    {
        var json = """
            {"tenant_id": "acme_01", "tenant_name": 5, "tenant_type": "gold", "admin_email": "a@b.co",
             "created_at": "2026-01-01", "sla": {"response_time_ms": "fast", "oops": 1}, "tags": {"a": 1}}
            """;

        var result = Json.Read<TenantConfigSchema>(json);

        result.Errors.Select(e => (e.ErrorCode, e.PropertyName)).Should().BeEquivalentTo(
        [
            (TenancyErrorCodes.JsonInvalidKind, "$.tenant_name"),
            (TenancyErrorCodes.JsonUnknownEnumValue, "$.tenant_type"),
            (TenancyErrorCodes.JsonTimestampOffset, "$.created_at"),
            (TenancyErrorCodes.JsonInvalidKind, "$.sla.response_time_ms"),
            (TenancyErrorCodes.JsonUnknownMember, "$.sla"),
            (TenancyErrorCodes.JsonInvalidKind, "$.tags.a"),
            (TenancyErrorCodes.JsonMissingMember, "$"),
        ]);
    }

    [Fact]
    public void Duplicate_members_are_malformed() =>
        Json.Read<TenantConfigSchema>(Tenant("\"tenant_id\": \"other\"")).Errors.Should().ContainSingle()
            .Which.Should().Match<FluentValidation.Results.ValidationFailure>(e => e.ErrorCode == TenancyErrorCodes.JsonMalformed && e.PropertyName == "$.tenant_id");

    [Fact]
    public void Read_errors_are_localized_in_the_callers_culture()
    {
        var result = InCulture.Run("es", () => Json.Read<TenantConfigSchema>(Tenant("\"plan\": 1")));

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Miembro desconocido 'plan' en $");
    }

    [Fact]
    public void Member_names_in_messages_are_escaped_and_bounded()
    {
        var result = Json.Read<TenantConfigSchema>(Tenant("\"evil\\u0000\\u202e\": 1"));

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Unknown member 'evil\\u0000\\u202e' at $");
    }

    [Fact]
    public void Member_names_written_with_escapes_are_the_same_members()
    {
        var plain = Json.Read<TenantConfigSchema>(Tenant()).Value!;
        var escaped = Json.Read<TenantConfigSchema>(Tenant(replace: "\"tenant_name\"", with: "\"\\u0074enant_\\u006Eame\""));

        escaped.Errors.Should().BeEmpty();
        escaped.Value!.TenantName.Should().Be(plain.TenantName);
    }

    [Fact]
    public void Unknown_member_names_of_any_length_or_script_are_reported_by_name()
    {
        var longName = new string('x', 70);
        var result = Json.Read<TenantConfigSchema>(Tenant($"\"{longName}\": 1, \"größe\": 2, \"tenant_name\u00e9\": 3"));

        result.Errors.Select(e => e.ErrorMessage).Should().BeEquivalentTo(
            $"Unknown member '{longName[..64]}…' at $", "Unknown member 'größe' at $", "Unknown member 'tenant_nameé' at $");
    }

    [Fact]
    public void Json_values_in_a_record_outlive_the_read_and_the_next_reads()
    {
        // The reader parses from a pooled buffer that is wiped and reused: values kept in records must be copies.
        static string Alert(string context) => Samples.AlertJson("\"context\":" + context);

        var first = Json.Read<AlertSchema>(Alert("{\"runbook\":{\"steps\":[1,2,\"page\"]},\"owner\":\"platform\"}")).Value!;
        for (var i = 0; i < 20; i++)
        {
            Json.Read<AlertSchema>(Alert("{\"other\":{\"steps\":[9,9,\"xxxx\"]},\"owner\":\"nobody!!\"}")).IsValid.Should().BeTrue();
        }

        first.Context["runbook"].GetRawText().Should().Be("{\"steps\":[1,2,\"page\"]}");
        first.Context["owner"].GetString().Should().Be("platform");
    }

    [Fact]
    public void Reads_on_many_threads_at_once_each_get_their_own_document()
    {
        // Every read parses from a buffer of its own, rented from a shared pool: a buffer shared between reads would mix documents.
        static string Alert(int n) => Samples.AlertJson($"\"alert_id\":\"alert-{n}\",\"context\":{{\"n\":{n},\"pad\":\"{new string('x', n % 97)}\"}}");

        var mismatches = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var i = 0; i < 500; i++)
            {
                var n = (worker * 500) + i;
                var alert = Json.Read<AlertSchema>(Alert(n)).Value;
                if (alert is null || alert.AlertId != $"alert-{n}" || alert.Context["n"].GetInt32() != n || alert.Context["pad"].GetString()!.Length != n % 97)
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        mismatches.Should().Be(0);
    }

    [Fact]
    public void Control_characters_inside_strings_are_data_not_errors()
    {
        var tenant = Json.Read<TenantConfigSchema>(Tenant(replace: "Acme Corporation", with: "Acme\\u0007\\u202e Corp")).Value!;

        tenant.TenantName.Should().Be("Acme\u0007\u202e Corp");
    }

    [Fact]
    public void ReadOrThrow_throws_with_the_first_code_and_path()
    {
        var act = () => Json.ReadOrThrow<TenantConfigSchema>(Encoding.UTF8.GetBytes(Tenant("\"sla\": {\"x\": 1}")));

        act.Should().Throw<TenancyJsonException>().Which.Should().Match<TenancyJsonException>(e => e.Code == TenancyErrorCodes.JsonUnknownMember && e.Path == "$.sla");
    }

    [Fact]
    public void ReadAndValidate_reports_validation_failures_with_json_paths()
    {
        var json = Tenant("\"sla\": {\"uptime_percentage\": 99.95}, \"compliance_levels\": [\"hipaa\"]");

        var result = Json.ReadAndValidate(Encoding.UTF8.GetBytes(json), _host.Validator<TenantConfigSchema>());

        result.IsValid.Should().BeFalse();
        result.Value.Should().NotBeNull();
        result.Errors.Select(e => (e.ErrorCode, e.PropertyName)).Should().Contain(
        [
            (TenancyErrorCodes.TierSlaUptimeNotAllowed, "$.sla.uptime_percentage"),
            (TenancyErrorCodes.TierComplianceNotAllowed, "$.compliance_levels[0]"),
            (TenancyErrorCodes.HipaaRequiresMfa, "$.security.mfa_required"),
        ]);
    }

    [Fact]
    public void ReadAndValidate_of_a_valid_document_is_valid()
    {
        var result = Json.ReadAndValidate(Encoding.UTF8.GetBytes(Samples.TenantJson), _host.Validator<TenantConfigSchema>());

        result.IsValid.Should().BeTrue();
        result.Errors.Should().BeEmpty();
    }

    public void Dispose() => _host.Dispose();
}
