using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using FluentValidation.Results;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using TenancySchemas.Alerts;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Monitoring;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;
using Xunit.Abstractions;

namespace TenancySchemas.Tests.Json;

/// <summary>
/// The serializer reads every document with the wire contract, its records read straight into their setters by the
/// library's record reader; a refused document is inspected once to name its problems. Whatever the document, the
/// record reader must answer as the serializer's own object converter does on the same contract (the internal option
/// <c>ReadRecordsDirectly</c> off), and the inspector must find a problem exactly in the documents the serializer
/// refuses.
/// </summary>
public sealed partial class RecordReaderTests(ITestOutputHelper output)
{
    private const int CasesPerDocument = 150;

    // Both readers share a clock (for members that default to now); moderate isolation lets records be written back
    // in plaintext to compare them.
    private static readonly FakeTimeProvider Clock = new(TestHost.Now);

    private static readonly (TenancyJson Direct, TenancyJson ObjectConverter) Readers = CreateReaders();

    [Fact]
    public void Damaged_documents_of_every_schema_read_the_same_with_the_serializers_own_converter_and_the_inspector_agrees()
    {
        int cases = 0, records = 0, refused = 0;
        foreach (var (file, schema, _) in BundledDocuments.All)
        {
            var original = BundledDocuments.Text(file);
            SameAnswer(schema, Encoding.UTF8.GetBytes(original), $"{file} as bundled");
            DamagedDocuments.Of(original).Sample(c =>
            {
                var read = SameAnswer(schema, c.Bytes, $"{c.Damage} of {file}");
                cases++;
                records += read.Value is null ? 0 : 1;
                refused += read.Value is null ? 1 : 0;
            }, iter: CasesPerDocument, threads: 1);
        }

        output.WriteLine($"{cases} damaged documents: {records} read into records, {refused} refused, each the same both ways");
        records.Should().BePositive("some damage leaves a document readable");
        refused.Should().BePositive();
    }

    [Theory]
    [InlineData("service", "null", null, null)]
    [InlineData("updated_at", "null", null, null)]
    [InlineData("runbook_url", "null", null, null)]
    [InlineData("context", "{\"note\":null}", null, null)]
    [InlineData("name", "null", TenancyErrorCodes.JsonNullNotAllowed, "$.name")]
    [InlineData("severity", "null", TenancyErrorCodes.JsonNullNotAllowed, "$.severity")]
    [InlineData("conditions", "null", TenancyErrorCodes.JsonNullNotAllowed, "$.conditions")]
    [InlineData("created_at", "null", TenancyErrorCodes.JsonNullNotAllowed, "$.created_at")]
    [InlineData("servic\\u0065", "\"api\"", null, null)]
    [InlineData("n\\u0061me", "\"cpu usage\"", null, null)]
    public void Nulls_and_escaped_member_names_read_the_same_both_ways(string member, string value, string? code, string? path)
    {
        // Nulls a member takes are set, other nulls refused; escaped names are read unescaped. The member replaces the
        // sample's own, if it has one.
        var sample = System.Text.Json.Nodes.JsonNode.Parse(Samples.AlertJson())!.AsObject();
        sample.Remove(System.Text.Json.JsonDocument.Parse($"\"{member}\"").RootElement.GetString()!);
        var json = sample.ToJsonString().TrimEnd('}') + $",\"{member}\":{value}}}";

        var read = SameAnswer("alert", Encoding.UTF8.GetBytes(json), json);

        read.Errors.Select(e => (e.ErrorCode, e.PropertyName)).Should().Equal(code is null ? [] : [(code, path!)]);
        (read.Value is null).Should().Be(code is not null);
    }

    [Theory]
    [InlineData("\"nam\":\"x\",", false)]
    [InlineData("\"name\":null,", false)]
    [InlineData("\"recipients\":[null],", false)]
    [InlineData("\"name\":\"a\",\"name\":\"b\",", false)]
    [InlineData("\"servic\\u0065\":\"api\",", true)]
    public void A_document_is_read_without_an_exception_or_refused_with_one(string members, bool read)
    {
        // What the contract refuses throws once and goes to the inspector; what it reads throws nothing on the way.
        var sample = Samples.AlertJson()[1..];
        var json = Encoding.UTF8.GetBytes("{" + members + (members.Contains("\"name\"", StringComparison.Ordinal)
            ? sample.Replace("\"name\":\"cpu\",", string.Empty, StringComparison.Ordinal) : sample));

        var thrown = ExceptionsThrownWhile(() => Readers.Direct.Read<AlertSchema>(json));

        SameAnswer("alert", json, members).Value.Should().Match(v => (v != null) == read);
        if (read)
        {
            thrown.Should().BeEmpty();
        }
        else
        {
            // One refusal (the serializer rethrows it with its path: the same message twice), then the inspector.
            thrown.Should().OnlyContain(e => e.StartsWith(nameof(System.Text.Json.JsonException), StringComparison.Ordinal), string.Join("; ", thrown));
            thrown.Distinct().Should().ContainSingle(because: string.Join("; ", thrown));
        }
    }

    [Theory]
    [InlineData(" \n\t", null)]
    [InlineData(" {}", TenancyErrorCodes.JsonMalformed)]
    [InlineData("x", TenancyErrorCodes.JsonMalformed)]
    [InlineData("]", TenancyErrorCodes.JsonMalformed)]
    public void Content_after_the_document_reads_the_same_as_inspected(string after, string? code)
    {
        var read = SameAnswer("alert", Encoding.UTF8.GetBytes(Samples.AlertJson() + after), $"followed by '{after}'");

        read.Errors.Select(e => e.ErrorCode).Should().Equal(code is null ? [] : [code]);
    }

    [Fact]
    public void Members_in_any_order_and_required_ones_missing_read_the_same_as_inspected()
    {
        var members = System.Text.Json.Nodes.JsonNode.Parse(Samples.AlertJson("\"service\":\"api\",\"alert_id\":\"a-1\""))!.AsObject()
            .Select(m => (m.Key, Text: m.Value!.ToJsonString())).ToList();

        var reversed = "{" + string.Join(",", Enumerable.Reverse(members).Select(m => $"\"{m.Key}\":{m.Text}")) + "}";
        SameAnswer("alert", Encoding.UTF8.GetBytes(reversed), "members in reverse order").Errors.Should().BeEmpty();

        foreach (var (key, _) in members)
        {
            var without = "{" + string.Join(",", members.Where(m => m.Key != key).Select(m => $"\"{m.Key}\":{m.Text}")) + "}";
            SameAnswer("alert", Encoding.UTF8.GetBytes(without), $"without {key}");
        }
    }

    [Fact]
    public void Every_bundled_document_the_reader_can_read_is_read_without_a_refusal()
    {
        // A readable document throws nothing on the way: no refusal, no second attempt, both features forms included,
        // and also with its first member's name escaped.
        var refusedOnTheWay = new List<string>();
        var read = 0;
        foreach (var (file, schema, _) in BundledDocuments.All)
        {
            var document = Encoding.UTF8.GetBytes(BundledDocuments.Text(file));
            if (BundledDocuments.Read(Readers.Direct, schema, document).Value is null)
            {
                continue;
            }

            read++;
            var text = BundledDocuments.Text(file);
            var name = text.IndexOf('"', StringComparison.Ordinal) + 1;
            var escaped = Encoding.UTF8.GetBytes($"{text[..name]}\\u{(int)text[name]:x4}{text[(name + 1)..]}");
            foreach (var (bytes, how) in new[] { (document, "as bundled"), (escaped, "first member's name escaped") })
            {
                var thrown = ExceptionsThrownWhile(() => SameAnswer(schema, bytes, $"{file}, {how}"));
                if (thrown.Count > 0)
                {
                    refusedOnTheWay.Add($"{file} {how}: {string.Join("; ", thrown)}");
                }
            }
        }

        output.WriteLine($"{read} readable bundled documents; refused on the way: {string.Join(Environment.NewLine, refusedOnTheWay)}");
        read.Should().BeGreaterThan(20);
        refusedOnTheWay.Should().BeEmpty();
    }

    [Theory]
    [InlineData("\"recipients\":[\"ops@acme.example\"]", "\"recipients\":[\"ops@acme.example\",null]", TenancyErrorCodes.JsonNullNotAllowed, "$.recipients[1]")]
    [InlineData("\"recipients\":[\"ops@acme.example\"]", "\"recipients\":[\"ops@acme.example\",5]", TenancyErrorCodes.JsonInvalidKind, "$.recipients[1]")]
    [InlineData("\"recipients\":[\"ops@acme.example\"]", "\"recipients\":\"ops@acme.example\"", TenancyErrorCodes.JsonInvalidKind, "$.recipients")]
    [InlineData("\"notification_channels\":[\"email\"]", "\"notification_channels\":[\"email\",null]", TenancyErrorCodes.JsonNullNotAllowed, "$.notification_channels[1]")]
    [InlineData("\"conditions\":[{", "\"conditions\":[null,{", TenancyErrorCodes.JsonNullNotAllowed, "$.conditions[0]")]
    [InlineData("\"metric_name\":\"cpu\",", "\"metric_name\":\"cpu\",\"unit\":\"%\",", TenancyErrorCodes.JsonUnknownMember, "$.conditions[0]")]
    [InlineData("\"metric_name\":\"cpu\",", "\"metric_name\":\"cpu\",\"metric_name\":\"mem\",", TenancyErrorCodes.JsonMalformed, "$.conditions[0].metric_name")]
    [InlineData("\"threshold\":90", "\"threshold\":true", TenancyErrorCodes.JsonInvalidKind, "$.conditions[0].threshold")]
    [InlineData("\"recipients\"", "\"tags\":{\"team\":null},\"recipients\"", TenancyErrorCodes.JsonNullNotAllowed, "$.tags.team")]
    [InlineData("\"recipients\"", "\"tags\":{\"team\":\"a\",\"team\":\"b\"},\"recipients\"", TenancyErrorCodes.JsonMalformed, "$.tags.team")]
    public void What_the_contract_refuses_gets_the_inspectors_errors(string member, string damaged, string code, string path)
    {
        var json = Samples.AlertJson();
        json.Should().Contain(member, "the test edits an existing member");

        var read = SameAnswer("alert", Encoding.UTF8.GetBytes(json.Replace(member, damaged, StringComparison.Ordinal)), damaged);

        read.Value.Should().BeNull();
        read.Errors.Select(e => (e.ErrorCode, e.PropertyName)).Should().Equal((code, path));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    public void Json_values_nested_around_the_depth_limit_read_the_same_both_ways(int arrays)
    {
        // The root object is level 1 and the context object level 2; the limit is 64 levels.
        var json = Samples.AlertJson($"\"context\":{{\"deep\":{new string('[', arrays)}1{new string(']', arrays)}}}");

        var read = SameAnswer("alert", Encoding.UTF8.GetBytes(json), $"{arrays} arrays");

        if (arrays + 2 <= 64)
        {
            read.Errors.Should().BeEmpty();
        }
        else
        {
            read.Errors.Select(e => e.ErrorCode).Should().Equal(TenancyErrorCodes.JsonTooDeep);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30 })] // \ud800, a lone surrogate escape
    public void Text_that_is_not_unicode_inside_a_json_value_is_refused_both_ways(byte[] text)
    {
        var json = Encoding.UTF8.GetBytes(Samples.AlertJson("\"context\":{\"note\":\"ok ___\"}"));
        var at = json.AsSpan().IndexOf("___"u8);
        byte[] damaged = [.. json[..at], .. text, .. json[(at + 3)..]];

        var read = SameAnswer("alert", damaged, Convert.ToHexString(text));

        read.Value.Should().BeNull();
        read.Errors.Select(e => (e.ErrorCode, e.PropertyName)).Should().Equal((TenancyErrorCodes.JsonMalformed, "$.context.note"));
    }

    [Theory]
    [InlineData("\"features\": [\"advanced_analytics\", \"audit_logging\"]", null)]
    [InlineData("\"features\": {\"advanced_analytics\": true, \"audit_logging\": false, \"max_users\": 50, \"backup_retention\": 14}", null)]
    [InlineData("\"features\": {\"max_users\": 50}, \"quotas\": {\"max_users\": 50}", null)]
    [InlineData("\"features\": {\"max_users\": 50}, \"quotas\": {\"max_users\": 40}", TenancyErrorCodes.JsonFeatureConflict)]
    [InlineData("\"features\": [\"advanced_analytics\", \"teleport\"]", TenancyErrorCodes.JsonUnknownEnumValue)]
    [InlineData("\"features\": [\"advanced_analytics\", null]", TenancyErrorCodes.JsonInvalidKind)]
    public void Both_forms_of_a_tenants_features_read_the_same_both_ways(string members, string? code)
    {
        // Both forms are read by the serializer; the object form's numbers move into quotas once the tenant is read.
        var json = Samples.TenantJson.TrimEnd().TrimEnd('}') + ", " + members + "}";

        var read = SameAnswer("tenant-config", Encoding.UTF8.GetBytes(json), members);

        read.Errors.Select(e => e.ErrorCode).Should().Equal(code is null ? [] : [code]);
        if (code is null && members.Contains("max_users", StringComparison.Ordinal))
        {
            ((TenantConfigSchema)read.Value!).Quotas.MaxUsers.Should().Be(50);
        }
    }

    [Fact]
    public void Encrypted_values_read_the_same_both_ways_wherever_the_tenant_id_is()
    {
        // Without a caller (moderate isolation), the document's own tenant's key opens the values, wherever it stands.
        var readers = CreateReaders(new EphemeralDataProtectionProvider());
        var acme = JsonNode.Parse(readers.Direct.Write(Samples.Tenant() with { TenantId = "acme_01", AdminEmail = "ceo.private@acme.example.com" }))!.AsObject();
        acme["admin_email"]!.GetValue<string>().Should().StartWith("enc:v1:");
        var tenantLast = acme.DeepClone().AsObject();
        tenantLast.Remove("tenant_id");
        tenantLast["tenant_id"] = "acme_01";
        var foreign = acme.DeepClone().AsObject();
        foreign["tenant_id"] = "globex_02";

        foreach (var (document, because, code) in new[]
        {
            (acme.ToJsonString(), "tenant id first", (string?)null),
            (tenantLast.ToJsonString(), "tenant id last", null),
            (acme.ToJsonString().Replace("\"tenant_id\"", "\"tenant\\u005fid\"", StringComparison.Ordinal), "tenant id written with an escape", null),
            (foreign.ToJsonString(), "another tenant's ciphertext", TenancyErrorCodes.UndecryptableValue),
        })
        {
            var read = SameAnswer("tenant-config", Encoding.UTF8.GetBytes(document), because, readers);

            read.Errors.Select(e => e.ErrorCode).Should().Equal(code is null ? [] : [code], because);
            if (code is null)
            {
                ((TenantConfigSchema)read.Value!).AdminEmail.Should().Be("ceo.private@acme.example.com", because);
            }
        }

        // Read at once, not refused and inspected.
        var encrypted = Encoding.UTF8.GetBytes(tenantLast.ToJsonString());
        ExceptionsThrownWhile(() => readers.Direct.Read<TenantConfigSchema>(encrypted)).Should().BeEmpty();
    }

    [Fact]
    public void A_sensitive_map_with_a_key_twice_gets_the_inspectors_error()
    {
        var monitoring = Samples.Monitoring() with { ApiKeys = new Dictionary<string, string> { ["primary"] = "k-1" } };
        var json = Readers.Direct.Write(monitoring);
        json.Should().Contain("\"primary\":\"k-1\"");

        var read = SameAnswer("monitoring-config", Encoding.UTF8.GetBytes(json.Replace("\"primary\":\"k-1\"", "\"primary\":\"k-1\",\"primary\":\"k-2\"", StringComparison.Ordinal)), "api key twice");

        read.Errors.Select(e => (e.ErrorCode, e.PropertyName)).Should().Equal((TenancyErrorCodes.JsonMalformed, "$.api_keys.primary"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void Lists_and_maps_of_any_length_read_into_equal_records_both_ways(int count)
    {
        // Lists are collected in pooled buffers of 16 that grow when full, and handed to the records without a copy.
        var conditions = string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"metric_name\":\"m{i}\",\"operator\":\"gt\",\"threshold\":{i}}}"));
        var recipients = string.Join(",", Enumerable.Range(0, count).Select(i => $"\"ops{i}@acme.example\""));
        var channels = string.Join(",", Enumerable.Range(0, count).Select(i => i % 2 == 0 ? "\"email\"" : "\"slack\""));
        var tags = string.Join(",", Enumerable.Range(0, count).Select(i => $"\"k{i}\":\"v{i}\""));
        var context = string.Join(",", Enumerable.Range(0, count).Select(i => $"\"c{i}\":{(i % 3 == 0 ? "null" : $"[{i},null]")}"));
        var json = "{\"tenant_id\":\"acme\",\"name\":\"cpu\",\"title\":\"CPU high\",\"description\":\"CPU is high for a while\"," +
            $"\"severity\":\"high\",\"category\":\"performance\",\"conditions\":[{conditions}],\"notification_channels\":[{channels}]," +
            $"\"recipients\":[{recipients}],\"tags\":{{{tags}}},\"context\":{{{context}}},\"alert_id\":\"a-1\",\"created_at\":\"2026-11-20T08:00:00Z\"}}";

        var direct = Readers.Direct.Read<AlertSchema>(json);
        var objectConverter = Readers.ObjectConverter.Read<AlertSchema>(json);

        direct.Errors.Should().BeEmpty();
        objectConverter.Errors.Should().BeEmpty();
        direct.Value.Should().Be(objectConverter.Value, "value equality compares every list, set and map item by item");
        direct.Value!.Conditions.Select(c => c.MetricName).Should().Equal(Enumerable.Range(0, count).Select(i => $"m{i}"));
        direct.Value.Recipients.Should().HaveCount(count).And.OnlyHaveUniqueItems();
        direct.Value.NotificationChannels.Should().HaveCount(count);
        direct.Value.Tags.Should().HaveCount(count);
        direct.Value.Context["c0"].ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "a JSON value's null is a value, not a missing item");

        // A shorter document read afterwards gets only its own items (the pooled buffers are cleared and reused).
        var shorter = Readers.Direct.Read<AlertSchema>(Samples.AlertJson());
        shorter.Value!.Recipients.Should().Equal("ops@acme.example");
        shorter.Value.Conditions.Should().ContainSingle();
    }

    // The exceptions thrown on this thread while the action runs (caught or not).
    private static List<string> ExceptionsThrownWhile(Action action)
    {
        var thread = Environment.CurrentManagedThreadId;
        var thrown = new List<string>();
        void Record(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                thrown.Add($"{e.Exception.GetType().Name}: {e.Exception.Message}");
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            action();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        return thrown;
    }

    // Reads with both readers and checks they agree: both a record or neither, the same errors (code, path, message)
    // in the same order, and records that write the same document (generated ids aside); and the inspector finds a
    // problem exactly when the document is refused, so that every refusal is explained.
    private static (object? Value, IReadOnlyList<ValidationFailure> Errors) SameAnswer(
        string schema, byte[] document, string because, (TenancyJson Direct, TenancyJson ObjectConverter)? readers = null)
    {
        var (directReader, objectConverterReader) = readers ?? Readers;
        var direct = BundledDocuments.Read(directReader, schema, document);
        var objectConverter = BundledDocuments.Read(objectConverterReader, schema, document);

        because += $" (inspected: {string.Join("; ", objectConverter.Errors.Select(e => $"{e.ErrorCode} at {e.PropertyName}"))})";
        (direct.Value is null).Should().Be(objectConverter.Value is null, because);
        direct.Errors.Select(e => (e.ErrorCode, e.PropertyName, e.ErrorMessage))
            .Should().Equal(objectConverter.Errors.Select(e => (e.ErrorCode, e.PropertyName, e.ErrorMessage)), because);
        var inspected = directReader.InspectionErrors(BundledDocuments.TypeByName[schema], document);
        (direct.Value is null).Should().Be(inspected.Count > 0, because + $" (inspector: {string.Join("; ", inspected)})");
        if (direct.Value is not null)
        {
            // Written back by the plaintext readers: encrypted values would differ on every write.
            WithoutIds(Readers.Direct.Write(direct.Value)).Should().Be(WithoutIds(Readers.ObjectConverter.Write(objectConverter.Value!)), because);
        }

        return direct;
    }

    private static string WithoutIds(string json) => GeneratedId().Replace(json, "<generated id>");

    // The second reader reads records with the serializer's own object converter, on the same contract.
    private static (TenancyJson Direct, TenancyJson ObjectConverter) CreateReaders(IDataProtectionProvider? protection = null) =>
        (new TenancyJson(Options(direct: true), Clock, protection), new TenancyJson(Options(direct: false), Clock, protection));

    private static TenancySchemaOptions Options(bool direct)
    {
        var options = new TenancySchemaOptions { IsolationLevel = IsolationLevel.Moderate };
        options.Json.ReadRecordsDirectly = direct;
        return options;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")]
    private static partial Regex GeneratedId();
}
