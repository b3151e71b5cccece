using System.Text;
using System.Text.Json.Nodes;
using TenancySchemas.Alerts;
using TenancySchemas.Json;
using TenancySchemas.Notifications;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Robustness;

/// <summary>
/// A hostile document cannot make the report grow with it: at most <c>MaxErrors</c> failures (then one
/// <c>tenancy.json.too_many_errors</c> saying how many more), and path segments of bounded length.
/// </summary>
public sealed class BoundedReportTests : IDisposable
{
    private readonly TestHost _host = new(o => o.DefaultTier = TenancySchemas.Tiers.TenantType.Enterprise);

    [Fact]
    public void A_megabyte_of_empty_conditions_gives_a_hundred_read_errors_and_the_count_of_the_rest()
    {
        const int conditions = 330_000;
        var document = Samples.AlertJson().Replace(
            "\"conditions\":[{\"metric_name\":\"cpu\",\"operator\":\"gt\",\"threshold\":90}]",
            "\"conditions\":[" + string.Join(",", Enumerable.Repeat("{}", conditions)) + "]",
            StringComparison.Ordinal);
        Encoding.UTF8.GetByteCount(document).Should().BeLessThan(TenancyJsonOptions.DefaultMaxDocumentBytes);

        var errors = _host.Json.Read<AlertSchema>(document).Errors;

        errors.Should().HaveCount(TenancyJsonOptions.DefaultMaxErrors + 1);
        errors.Take(TenancyJsonOptions.DefaultMaxErrors).Should().OnlyContain(e => e.ErrorCode == TenancyErrorCodes.JsonMissingMember);
        var last = errors[^1];
        last.ErrorCode.Should().Be(TenancyErrorCodes.JsonTooManyErrors);
        last.PropertyName.Should().Be("$");
        last.ErrorMessage.Should().Be($"{(3 * conditions) - TenancyJsonOptions.DefaultMaxErrors} more problems were not reported");
    }

    [Fact]
    public void Many_invalid_list_items_give_the_first_hundred_failures_and_checking_stops_past_the_bound()
    {
        var alert = Samples.Alert() with { Recipients = [.. Enumerable.Range(0, 5_000).Select(i => $"broken{i}@")] };

        var errors = _host.Validate(alert).Errors;

        errors.Should().HaveCount(TenancyJsonOptions.DefaultMaxErrors + 1);
        errors.Take(TenancyJsonOptions.DefaultMaxErrors).Select(e => e.PropertyName)
            .Should().Equal(Enumerable.Range(0, TenancyJsonOptions.DefaultMaxErrors).Select(i => $"Recipients[{i}]"), "the first failures in order");
        errors[^1].ErrorCode.Should().Be(TenancyErrorCodes.JsonTooManyErrors);
        errors[^1].ErrorMessage.Should().Be("2 more problems were not reported",
            "the 101st address and the tier's recipient limit were found; the addresses after the 101st are not checked once the document is known to have more problems than are reported");
    }

    [Fact]
    public void The_failures_reported_past_the_bound_are_those_an_unbounded_validation_reports_first()
    {
        var alert = Samples.Alert() with { Recipients = [.. Enumerable.Range(0, 5_000).Select(i => i % 3 == 0 ? $"broken{i}@" : $"ok{i}@acme.example")] };
        using var unbounded = new TestHost(o =>
        {
            o.DefaultTier = TenancySchemas.Tiers.TenantType.Enterprise;
            o.Json.MaxErrors = 100_000;
        });

        var bounded = _host.Validate(alert).Errors;
        var all = unbounded.Validate(alert).Errors;

        all.Should().HaveCountGreaterThan(1_600).And.NotContain(e => e.ErrorCode == TenancyErrorCodes.JsonTooManyErrors);
        bounded.Take(TenancyJsonOptions.DefaultMaxErrors).Select(e => (e.PropertyName, e.ErrorCode, e.ErrorMessage))
            .Should().Equal(all.Take(TenancyJsonOptions.DefaultMaxErrors).Select(e => (e.PropertyName, e.ErrorCode, e.ErrorMessage)));
    }

    public static TheoryData<string> ListsOfEmptyItems() => ["webhook_urls", "recipients", "conditions"];

    [Theory]
    [MemberData(nameof(ListsOfEmptyItems))]
    public void A_megabyte_list_of_items_that_each_fail_costs_a_bounded_amount_of_work(string member)
    {
        // 300,000 items that read fine and each fail FluentValidation's own checks (an empty text; a condition without
        // a metric name): before the bound reached FluentValidation's checks, each built a failure, 1 GB in all.
        var item = member == "conditions" ? "{\"metric_name\":\"\",\"operator\":\"gt\",\"threshold\":90}" : "\"\"";
        var items = "[" + string.Join(",", Enumerable.Repeat(item, member == "conditions" ? 20_000 : 300_000)) + "]";
        var document = member switch
        {
            "recipients" => Samples.AlertJson().Replace("\"recipients\":[\"ops@acme.example\"]", "\"recipients\":" + items, StringComparison.Ordinal),
            "conditions" => Samples.AlertJson().Replace("\"conditions\":[{\"metric_name\":\"cpu\",\"operator\":\"gt\",\"threshold\":90}]", "\"conditions\":" + items, StringComparison.Ordinal),
            _ => Samples.AlertJson("\"" + member + "\":" + items),
        };
        var utf8 = Encoding.UTF8.GetBytes(document);
        utf8.Length.Should().BeLessThan(TenancyJsonOptions.DefaultMaxDocumentBytes);
        var read = _host.Json.Read<AlertSchema>(utf8);
        read.IsValid.Should().BeTrue("the items are well-formed JSON of the right kinds");
        var validator = _host.Validator<AlertSchema>();

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var errors = validator.Validate(read.Value!).Errors;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        errors.Should().HaveCount(TenancyJsonOptions.DefaultMaxErrors + 1);
        errors[^1].ErrorCode.Should().Be(TenancyErrorCodes.JsonTooManyErrors);
        allocated.Should().BeLessThan(16 * 1024 * 1024, "past the bound the remaining items are not checked");
    }

    [Fact]
    public void A_megabyte_of_refused_urls_under_deep_keys_costs_a_bounded_amount_of_work()
    {
        // 50,000 loopback URLs under 40 nested keys of 64 characters: each refused URL used to build its failure, and
        // every URL its path (2.7 KB here), before the report was cut: gigabytes for one document.
        var key = new string('k', 64);
        var nested = "{\"url\":[" + string.Join(",", Enumerable.Repeat("\"http://127.0.0.1/\"", 50_000)) + "]}";
        for (var depth = 0; depth < 40; depth++)
        {
            nested = "{\"" + key + depth.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)[..2] + "\":" + nested + "}";
        }

        var monitoring = JsonNode.Parse(_host.Json.Write(Samples.Monitoring()))!.AsObject();
        monitoring["prometheus_config"] = JsonNode.Parse("{\"url\":\"https://prometheus.acme.example/\",\"scrape\":" + nested + "}");
        var utf8 = Encoding.UTF8.GetBytes(monitoring.ToJsonString());
        utf8.Length.Should().BeLessThan(TenancyJsonOptions.DefaultMaxDocumentBytes);
        var read = _host.Json.Read<TenancySchemas.Monitoring.MonitoringConfigSchema>(utf8);
        read.IsValid.Should().BeTrue(string.Join("; ", read.Errors));
        var validator = _host.Validator<TenancySchemas.Monitoring.MonitoringConfigSchema>();

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var errors = validator.Validate(read.Value!).Errors;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        errors.Should().HaveCount(TenancyJsonOptions.DefaultMaxErrors + 1);
        errors.Take(TenancyJsonOptions.DefaultMaxErrors).Should().OnlyContain(e => e.ErrorCode == TenancyErrorCodes.PrivateEndpoint);
        errors[^1].ErrorMessage.Should().Be($"{50_000 - TenancyJsonOptions.DefaultMaxErrors} more problems were not reported", "refused URLs are counted exactly");
        allocated.Should().BeLessThan(32 * 1024 * 1024, "only the reported URLs get a path and a failure");
    }

    [Fact]
    public void A_rule_that_reports_per_map_entry_builds_no_more_failures_than_the_bound()
    {
        var template = new NotificationTemplate
        {
            TemplateId = "t-1",
            Name = "Digest",
            Channel = NotificationChannel.Email,
            BodyTemplate = "Hello",
            Locales = Enumerable.Range(0, 20_000).ToDictionary(i => $"not a locale {i}", IReadOnlyDictionary<string, string> (_) => new Dictionary<string, string>()),
        };

        var errors = _host.Validate(template).Errors;

        errors.Should().HaveCount(TenancyJsonOptions.DefaultMaxErrors + 1);
        errors[^1].ErrorMessage.Should().Be($"{20_000 - TenancyJsonOptions.DefaultMaxErrors} more problems were not reported");
    }

    [Fact]
    public void The_bound_is_an_option()
    {
        using var host = new TestHost(o =>
        {
            o.DefaultTier = TenancySchemas.Tiers.TenantType.Enterprise;
            o.Json.MaxErrors = 3;
        });

        var errors = host.Validate(Samples.Alert() with { Recipients = ["a@", "b@", "c@", "d@", "e@"] }).Errors;

        errors.Select(e => e.ErrorCode).Should().Equal(
            TenancyErrorCodes.InvalidEmail, TenancyErrorCodes.InvalidEmail, TenancyErrorCodes.InvalidEmail, TenancyErrorCodes.JsonTooManyErrors);
    }

    [Fact]
    public void A_long_map_key_is_shortened_in_every_path_and_message_with_a_stable_digest()
    {
        var key = new string('k', 5_000);
        var json = JsonNode.Parse(_host.Json.Write(Samples.Notification()))!;
        json["localization"] = new JsonObject { [key] = new JsonObject { ["title"] = 7 } };

        var first = _host.Json.Read<NotificationSchema>(json.ToJsonString()).Errors.Should().ContainSingle().Subject;
        var second = _host.Json.Read<NotificationSchema>(json.ToJsonString()).Errors.Single();

        first.PropertyName.Length.Should().BeLessThan(120);
        first.PropertyName.Should().StartWith("$.localization['" + new string('k', 32) + "…").And.Be(second.PropertyName, "the digest is stable");
        first.ErrorMessage.Length.Should().BeLessThan(200);

        var otherKey = new string('k', 4_999) + "x";
        json["localization"] = new JsonObject { [otherKey] = new JsonObject { ["title"] = 7 } };
        _host.Json.Read<NotificationSchema>(json.ToJsonString()).Errors.Single().PropertyName.Should().NotBe(first.PropertyName, "the digest tells long keys apart");
    }

    [Fact]
    public void A_long_map_key_in_a_validation_failure_is_shortened_too()
    {
        var key = new string('z', 1_000);
        var template = new NotificationTemplate
        {
            TemplateId = "t-1",
            Name = "Digest",
            Channel = NotificationChannel.Email,
            BodyTemplate = "Hello",
            Locales = new Dictionary<string, IReadOnlyDictionary<string, string>> { [key] = new Dictionary<string, string>() },
        };

        var failure = _host.Validate(template).Errors.Should().ContainSingle().Subject;

        failure.PropertyName.Length.Should().BeLessThan(100);
        failure.ErrorMessage.Length.Should().BeLessThan(200);
    }

    public void Dispose() => _host.Dispose();
}
