using System.Text;
using System.Text.Json.Nodes;
using TenancySchemas.Alerts;
using TenancySchemas.Json;
using TenancySchemas.Notifications;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Auditing;

/// <summary>
/// An audit record stays small whatever the document: at most <c>Json:MaxErrors</c> + 1 codes and paths, paths made of
/// the records' member names, <c>*</c> and indexes (docs/observability.md promises under 16 KiB with the defaults).
/// </summary>
public sealed class AuditRecordSizeTests
{
    private const int LargestRecord = 16 * 1024;

    public static TheoryData<string> HostileDocuments() => ["long map key", "empty conditions", "long tenant id"];

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public void A_hostile_document_of_almost_a_megabyte_leaves_one_small_audit_record(string kind)
    {
        using var host = new ObservedHost();
        var document = Hostile(host, kind);
        Encoding.UTF8.GetByteCount(document).Should().BeInRange(500_000, TenancyJsonOptions.DefaultMaxDocumentBytes);

        var failures = kind == "empty conditions"
            ? host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(document), host.Validator<AlertSchema>()).Errors
            : host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(document), host.Validator<NotificationSchema>()).Errors;

        failures.Should().HaveCount(TenancyJsonOptions.DefaultMaxErrors + 1);
        failures[^1].ErrorCode.Should().Be(TenancyErrorCodes.JsonTooManyErrors);
        var record = host.Sink.Events.Single();
        var line = host.Sink.ToClef([record]);
        Encoding.UTF8.GetByteCount(line).Should().BeLessThan(LargestRecord, "an audit record holds codes, member names, * and indexes, never document text");
        line.Should().NotContain("kkkkkkkk", "map keys are audited as *").And.NotContain(new string('t', 100), "a long claimed tenant id is shortened");
    }

    private static string Hostile(ObservedHost host, string kind)
    {
        switch (kind)
        {
            case "long map key":
            {
                // One 5,000-character locale key holding 60,000 numbers where text is expected: a read error per entry.
                var entries = string.Join(",", Enumerable.Range(0, 60_000).Select(i => $"\"e{i}\":0"));
                return WithLocalization(host, Samples.Notification(), "{\"" + new string('k', 5_000) + "\":{" + entries + "}}");
            }

            case "empty conditions":
                return Samples.AlertJson().Replace(
                    "\"conditions\":[{\"metric_name\":\"cpu\",\"operator\":\"gt\",\"threshold\":90}]",
                    "\"conditions\":[" + string.Join(",", Enumerable.Repeat("{}", 300_000)) + "]",
                    StringComparison.Ordinal);

            default:
            {
                // A tenant id of 600,000 characters (claimed, not the caller's) and 60,000 bad entries.
                var entries = string.Join(",", Enumerable.Range(0, 30_000).Select(i => $"\"e{i}\":0"));
                return WithLocalization(host, Samples.Notification() with { TenantId = new string('t', 600_000) }, "{\"fr\":{" + entries + "}}");
            }
        }
    }

    // The notification as JSON with its "localization" member replaced by the given text.
    private static string WithLocalization(ObservedHost host, NotificationSchema notification, string localization)
    {
        var json = JsonNode.Parse(host.Json.Write(notification))!.AsObject();
        json.Remove("localization");
        return json.ToJsonString()[..^1] + ",\"localization\":" + localization + "}";
    }
}
