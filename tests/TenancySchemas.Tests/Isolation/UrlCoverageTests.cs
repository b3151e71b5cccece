using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using TenancySchemas.Isolation;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Isolation;

/// <summary>
/// Every member that may hold a URL is known to the guard through the marks on the records (spec §7.3), not through a
/// list kept by hand: every string-valued member of every public record is enumerated, and one whose name or sample
/// values look like a URL must be seen by the guard, or be listed below as not a URL, with the reason.
/// </summary>
public sealed class UrlCoverageTests
{
    private const string Planted = "https://169.254.169.254/planted";

    // Beginnings of the words of a member's name that make it look like it holds a URL (Hostname, Targets).
    private static readonly string[] UrlWords =
        ["url", "uri", "link", "href", "endpoint", "webhook", "hook", "callback", "redirect", "target", "domain", "host", "address", "integration", "source", "path", "contact"];

    /// <summary>Members whose name looks like a URL but which hold none, each with the reason it is not guarded.</summary>
    private static readonly Dictionary<string, string> NotUrls = new(StringComparer.Ordinal)
    {
        ["AuditTrail.IpAddress"] = "the client address an audit entry records; validated as an IP address, never connected to",
        ["AuditTrail.SourceSystem"] = "the name of the system that wrote the entry",
        ["WarningSchema.SourceSystem"] = "the name of the system that raised the warning",
        ["NotificationSchema.SourceSystem"] = "the name of the system that sent the notification",
        ["NotificationSchema.SourceEventId"] = "an event id in the source system",
        ["AlertSchema.Source"] = "the name of the system that raised the alert (\"system\")",
        ["TenantSecurityConfig.AllowedDomains"] = "domain names an identity's e-mail or SSO realm must belong to, never requested",
        ["ComplianceSchema.CertificationTargets"] = "certifications aimed at (\"ISO 27001\"), not network targets",
        ["MonitoringTarget.TargetId"] = "the target's id within its configuration",
        ["TenantConfigSchema.ContactPhone"] = "an E.164 phone number",
        ["TenantConfigUpdateSchema.ContactPhone"] = "an E.164 phone number",
        ["AuditRecord.ErrorPaths"] = "the JSON paths of the failures an audit record reports ($.targets[0].endpoint), not URLs",
    };

    [Fact]
    public void Every_member_whose_name_or_sample_values_look_like_a_url_is_seen_by_the_guard()
    {
        var sampleUrls = SampleUrlMembers();
        var unseen = new List<string>();
        foreach (var (member, property) in StringMembers())
        {
            var looksLikeUrl = NameLooksLikeUrl(property.Name) || sampleUrls.Contains(member);
            if (looksLikeUrl && !NotUrls.ContainsKey(member) && !SeenByGuard(property))
            {
                unseen.Add(member + (sampleUrls.Contains(member) ? " (a sample value is a URL)" : string.Empty));
            }
        }

        string.Join(", ", unseen).Should().BeEmpty("every URL-valued member must be marked [Url] on its record, or listed in NotUrls with a reason");
    }

    [Fact]
    public void Every_member_listed_as_not_a_url_exists_and_is_not_guarded()
    {
        var members = StringMembers().ToDictionary(m => m.Member, m => m.Property);

        foreach (var (member, reason) in NotUrls)
        {
            members.Should().ContainKey(member, "the list names members that exist ({0})", reason);
            SeenByGuard(members[member]).Should().BeFalse("{0} is listed as not a URL ({1}): a guarded member must leave the list", member, reason);
        }
    }

    [Fact]
    public void The_enumeration_covers_every_kind_of_string_valued_member_of_every_public_record()
    {
        var members = StringMembers().Select(m => m.Member).ToList();

        PublicRecords().Should().Contain([typeof(TenantConfigSchema), typeof(TenancySchemas.Notifications.NotificationRecipient), typeof(TenancySchemas.Alerts.AlertAction), typeof(TenancySchemas.Auditing.AuditRecord)]);
        members.Should().Contain(["AlertAction.Target", "NotificationRecipient.ContactInfo", "NotificationSchema.Actions", "NotificationSchema.DeepLink", "MonitoringConfigSchema.PrometheusConfig", "NotificationSchema.Localization"]);
        members.Count.Should().BeGreaterThan(250);
    }

    [Fact]
    public void Every_member_the_guard_reads_finds_a_url_planted_in_it()
    {
        foreach (var type in PublicRecords())
        {
            foreach (var (property, _) in UrlCollector.UrlMembers(type))
            {
                SeenByGuard(property).Should().BeTrue("{0}.{1} is marked as a URL", type.Name, property.Name);
            }
        }
    }

    [Fact]
    public void Guarded_members_are_reached_from_the_roots_that_hold_them()
    {
        var alert = Samples.Alert() with { Actions = [new TenancySchemas.Alerts.AlertAction { ActionType = TenancySchemas.Alerts.AlertActionType.Webhook, Target = Planted }] };
        var delivery = new TenancySchemas.Notifications.NotificationDelivery { Channel = TenancySchemas.Notifications.NotificationChannel.Webhook, Recipient = Samples.Recipient() with { ContactInfo = new Dictionary<string, string> { ["webhook"] = Planted } } };
        var batch = Samples.Batch() with { Notifications = [Samples.Notification() with { Deliveries = [delivery] }] };

        EndpointGuard.Urls(alert).Should().Equal(("Actions[0].Target", Planted));
        EndpointGuard.Urls(batch).Should().Equal(("Notifications[0].Deliveries[0].Recipient.ContactInfo[webhook]", Planted));
    }

    [Theory]
    [InlineData("WebhookUrls", true)]
    [InlineData("DeepLink", true)]
    [InlineData("ExternalMetricsSources", true)]
    [InlineData("MetricsPath", true)]
    [InlineData("ResourceType", false)]
    [InlineData("SecurityOfficer", false)]
    [InlineData("Hostname", true)]
    [InlineData("UserAgent", false)]
    public void Names_are_read_word_by_word(string name, bool looksLikeUrl) => NameLooksLikeUrl(name).Should().Be(looksLikeUrl);

    // By PascalCase word, so that "ResourceType" is not a "source" and "SecurityOfficer" not a "uri".
    private static bool NameLooksLikeUrl(string name) =>
        System.Text.RegularExpressions.Regex.Matches(name, "[A-Z][a-z0-9]*").Select(m => m.Value.ToLowerInvariant())
            .Any(word => UrlWords.Any(w => word.StartsWith(w, StringComparison.Ordinal)));

    private static IEnumerable<Type> PublicRecords() =>
        typeof(TenantConfigSchema).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethod("<Clone>$") is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    /// <summary>Every member holding strings: a string, a list, set or map of strings, maps of those, or free-form JSON.</summary>
    private static IEnumerable<(string Member, PropertyInfo Property)> StringMembers() =>
        PublicRecords()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && HoldsStrings(p.PropertyType))
            .Select(p => ($"{p.DeclaringType!.Name}.{p.Name}", p));

    private static bool HoldsStrings(Type type) =>
        type == typeof(string) || type == typeof(JsonElement)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlySet<>) || definition == typeof(IReadOnlyDictionary<,>))
            && HoldsStrings(type.GetGenericArguments()[^1]));

    /// <summary>Whether the guard returns a URL planted in <paramref name="property"/> of an otherwise empty record.</summary>
    private static bool SeenByGuard(PropertyInfo property)
    {
        object? value = property.PropertyType switch
        {
            var t when t == typeof(string) => Planted,
            var t when t == typeof(IReadOnlyList<string>) => new[] { Planted },
            var t when t == typeof(IReadOnlyDictionary<string, string>) => new Dictionary<string, string> { ["k"] = Planted },
            var t when t == typeof(IReadOnlyDictionary<string, JsonElement>) => new Dictionary<string, JsonElement> { ["k"] = JsonSerializer.SerializeToElement(Planted) },
            var t when t == typeof(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>) => new[] { new Dictionary<string, JsonElement> { ["k"] = JsonSerializer.SerializeToElement(Planted) } },
            _ => null,
        };
        if (value is null)
        {
            // A shape the guard cannot read (a map of maps, a set): never seen.
            return false;
        }

        var record = RuntimeHelpers.GetUninitializedObject(property.ReflectedType!);
        property.SetValue(record, value);
        return EndpointGuard.Urls(record).Any(found => found.Url == Planted && found.Path.StartsWith(property.Name, StringComparison.Ordinal));
    }

    /// <summary>The members (<c>Type.Member</c>) in which a sample document, bundled or built by the tests, holds an http(s) URL.</summary>
    private static HashSet<string> SampleUrlMembers()
    {
        using var host = new TestHost();
        List<object> documents =
        [
            Samples.Tenant(), Samples.Alert(), Samples.TenantAlert(), Samples.Warning(), Samples.TenantWarning(), Samples.Notification(), Samples.Batch(),
            Samples.Monitoring(), Samples.Compliance(), Samples.Performance(),
        ];
        foreach (var (file, schema, _) in BundledDocuments.All)
        {
            if (BundledDocuments.Read(host.Json, schema, Encoding.UTF8.GetBytes(BundledDocuments.Text(file))).Value is { } document)
            {
                documents.Add(document);
            }
        }

        documents.Count.Should().BeGreaterThan(20, "the bundled samples are read");
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            Visit(document, null, found, depth: 0);
        }

        return found;
    }

    private static void Visit(object? value, string? member, HashSet<string> found, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (member is not null && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    found.Add(member);
                }

                return;
            case JsonElement element:
                VisitJson(element, member, found);
                return;
            case IDictionary or IEnumerable when value is not string:
                foreach (var item in (IEnumerable)value)
                {
                    Visit(item is DictionaryEntry entry ? entry.Value : ValueOf(item), member, found, depth);
                }

                return;
        }

        var type = value.GetType();
        if (depth > 10 || type.Namespace?.StartsWith("TenancySchemas.", StringComparison.Ordinal) != true || !type.IsClass)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            Visit(property.GetValue(value), $"{property.DeclaringType!.Name}.{property.Name}", found, depth + 1);
        }
    }

    // A KeyValuePair<string, T> of a map: its value.
    private static object? ValueOf(object? item) =>
        item?.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? type.GetProperty("Value")!.GetValue(item) : item;

    private static void VisitJson(JsonElement element, string? member, HashSet<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Visit(element.GetString(), member, found, 0);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    VisitJson(item, member, found);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    VisitJson(property.Value, member, found);
                }

                break;
        }
    }
}
