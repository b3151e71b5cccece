using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Compliance;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Schemas;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Isolation;

/// <summary>
/// A URL whose host the guard cannot tell as every client would is refused under strict and moderate isolation, in every
/// kind of member that holds URLs, whether or not the member has a URL format rule: .NET's <see cref="Uri"/> refuses
/// percent-encoded hosts that curl and browsers decode, and browsers read a backslash as a slash where curl does not.
/// </summary>
public sealed class UnreadableUrlTests
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };

    /// <summary>Notations the guard cannot read, most of which reach 127.0.0.1 or a metadata service with curl or in a browser.</summary>
    public static readonly TheoryData<string> Unreadable = new(
    [
        // Percent-encoded hosts: Uri refuses them, curl and WHATWG readers decode them (127.0.0.1, 169.254.169.254, localhost).
        "http://%31%32%37.0.0.1:18080/x", "http://%31%36%39.254.169.254/latest/meta-data/", "https://%6c%6f%63%61%6c%68%6f%73%74/", "HTTP://%31%32%37.0.0.1/",

        // A backslash ends the authority for browsers (good.com) but not for curl (127.0.0.1), and the other way round.
        "https://good.com\\@127.0.0.1/", "https://good.com\\@169.254.169.254/latest/meta-data/", "https://127.0.0.1\\@good.com/",

        // No host to Uri, 127.0.0.1 to a browser; two ports; tabs and leading spaces a browser drops; a host UTS #46 refuses.
        "https:///127.0.0.1/", "http://127.0.0.1:18080:80/", " \thttp://%31%32%37.0.0.1/", "ht\ttps://good.com\\@127.0.0.1/", "https://⒈.example/",
    ]);

    /// <summary>Members without a URL format rule, one of each kind the guard reads, by the name <see cref="Validate"/> knows them.</summary>
    public static readonly TheoryData<string> UnformattedMembers = new(
    [
        "alert action target (webhook)", "alert action target (script)", "alert action parameters callback_url", "alert action parameters link",
        "notification deep_link", "contact_info webhook", "contact_info web link", "notification action url", "notification action target (webhook)",
        "notification rule escalation callback_url", "monitoring prometheus_config url", "monitoring target metrics_path", "compliance evidence_artifacts",
        "performance external_metrics_sources url",
    ]);

    /// <summary>Members whose contract format is URL: their format rule answers for what it refuses.</summary>
    public static readonly TheoryData<string> FormattedMembers = new(["alert webhook_urls", "alert runbook_url", "notification callback_url", "tenant webhook_url", "tenant api_endpoints"]);

    public static TheoryData<string, string> UnformattedCases => Cross(UnformattedMembers);

    public static TheoryData<string, string> FormattedCases => Cross(FormattedMembers);

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void The_notations_are_unreadable_to_the_guard(string url)
    {
        EndpointGuard.IsReadable(url).Should().BeFalse();
        EndpointGuard.Check(url, IsolationLevel.Strict).Should().Be(EndpointViolation.PrivateEndpoint);
        EndpointGuard.Check(url, IsolationLevel.Moderate).Should().Be(EndpointViolation.PrivateEndpoint);
        EndpointGuard.Check(url, IsolationLevel.Basic).Should().Be(EndpointViolation.None);
    }

    [Theory]
    [MemberData(nameof(UnformattedCases))]
    public void An_unreadable_url_in_a_member_without_a_format_rule_is_refused_under_strict_and_moderate_and_accepted_under_basic(string member, string url)
    {
        foreach (var level in new[] { IsolationLevel.Strict, IsolationLevel.Moderate })
        {
            var (result, path) = Validate(member, url, level);
            result.Errors.Where(e => e.PropertyName == path).Select(e => e.ErrorCode).Should().Equal([TenancyErrorCodes.PrivateEndpoint], "{0} is refused under {1}", url, level);
            result.ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, path).ErrorMessage.Should().Contain(level.ToWire());
        }

        Validate(member, url, IsolationLevel.Basic).Result.ShouldBeCleanlyValid();
    }

    [Theory]
    [MemberData(nameof(FormattedCases))]
    public void An_unreadable_url_in_a_member_with_a_format_rule_gets_one_failure_under_strict_and_moderate(string member, string url)
    {
        foreach (var level in new[] { IsolationLevel.Strict, IsolationLevel.Moderate })
        {
            var (result, path) = Validate(member, url, level);
            result.Errors.Where(e => e.PropertyName == path).Should().ContainSingle("{0} under {1}", url, level)
                .Which.ErrorCode.Should().BeOneOf(TenancyErrorCodes.InvalidUrl, TenancyErrorCodes.PrivateEndpoint);
        }

        // Under basic only the format rule speaks, as it does at every level.
        var (basic, basicPath) = Validate(member, url, IsolationLevel.Basic);
        basic.Errors.Where(e => e.PropertyName == basicPath).Select(e => e.ErrorCode).Should().NotContain(TenancyErrorCodes.PrivateEndpoint);
    }

    [Theory]
    [InlineData("http://%31%32%37.0.0.1:18080/x")]
    [InlineData("https://good.com\\@127.0.0.1/")]
    [InlineData("http://%31%36%39.254.169.254/latest/meta-data/")]
    public void The_reported_urls_in_webhook_urls_still_answer_with_the_format_code_alone_at_every_level(string url)
    {
        foreach (var level in Enum.GetValues<IsolationLevel>())
        {
            var (result, path) = Validate("alert webhook_urls", url, level);
            result.Errors.Select(e => (e.PropertyName, e.ErrorCode)).Should().Equal((path, TenancyErrorCodes.InvalidUrl));
        }
    }

    [Theory]
    [InlineData("http://%31%32%37.0.0.1:18080/x")]
    [InlineData("https://good.com\\@127.0.0.1/")]
    [InlineData("http://%31%36%39.254.169.254/latest/meta-data/")]
    public void Every_url_of_every_bundled_sample_replaced_by_an_unreadable_one_is_refused_under_strict_and_moderate(string url)
    {
        var checkedUrls = 0;
        foreach (var (file, schema, tier) in BundledDocuments.All.Where(d => d.File.Contains(".valid.", StringComparison.Ordinal)))
        {
            var text = BundledDocuments.Text(file);
            foreach (var path in HttpUrlPaths(JsonNode.Parse(text)!))
            {
                var planted = Encoding.UTF8.GetBytes(JsonMutation.Apply(text, path, JsonValue.Create(url)));
                foreach (var level in new[] { IsolationLevel.Strict, IsolationLevel.Moderate })
                {
                    using var host = new TestHost(o => o.IsolationLevel = level);
                    if (JsonNode.Parse(text)!["tenant_id"]?.GetValue<string>() is { } tenant)
                    {
                        host.TenantContext.Current = new TenantContext(tenant, tier ?? TenantType.Enterprise);
                    }

                    var (_, errors) = BundledDocuments.ReadAndValidate(host.Services, schema, planted, tier ?? TenantType.Enterprise);
                    errors.Where(e => e.PropertyName == path).Select(e => e.ErrorCode).Should()
                        .IntersectWith([TenancyErrorCodes.InvalidUrl, TenancyErrorCodes.PrivateEndpoint], "{0} in {1} at {2} under {3}", url, file, path, level);
                }

                checkedUrls++;
            }
        }

        checkedUrls.Should().BeGreaterThanOrEqualTo(10, "the bundled samples hold URLs in many members");
    }

    [Fact]
    public void Every_member_marked_as_a_url_has_the_format_rule_the_guard_leaves_malformed_values_to()
    {
        // The guard does not report what a member's URL format rule refuses and it cannot read: that rule must exist.
        using var services = new ServiceCollection().AddTenancySchemas().BuildServiceProvider();
        var withUrlRule = new HashSet<(Type, string)>();
        foreach (var schema in SchemaRegistry.All)
        {
            foreach (var check in RuleCatalog.Of(schema.DocumentType, (IEnumerable<IValidationRule>)services.GetRequiredService(schema.ValidatorType)))
            {
                if (check.Member is { } member && !check.Conditional && check.RuleSets.Contains("default") && check.Codes.Contains(TenancyErrorCodes.InvalidUrl))
                {
                    withUrlRule.Add((check.DeclaredOn, member.Name));
                }
            }
        }

        var marked = typeof(TenantConfigSchema).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethod("<Clone>$") is not null)
            .SelectMany(t => UrlCollector.UrlMembers(t).Where(m => m.Kind == UrlKind.Url && m.Property.PropertyType != typeof(IReadOnlyDictionary<string, JsonElement>)
                && m.Property.PropertyType != typeof(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>)).Select(m => (t, m.Property.Name)))
            .ToList();

        marked.Should().Contain([(typeof(AlertSchema), "WebhookUrls"), (typeof(TenantConfigSchema), "ApiEndpoints"), (typeof(MonitoringTarget), "Endpoint")]);
        marked.Where(m => !withUrlRule.Contains(m)).Select(m => $"{m.t.Name}.{m.Name}").Should().BeEmpty();
    }

    [Theory]
    [InlineData("localhost:6379", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("127.0.0.1:6379", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("169.254.169.254:80/latest/meta-data/", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("hooks.acme.com:443", IsolationLevel.Moderate, null)]
    [InlineData("hooks.acme.com:443", IsolationLevel.Strict, TenancyErrorCodes.HttpsRequired)]
    [InlineData("//127.0.0.1/hook", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("\\\\127.0.0.1\\hook", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("/hooks/alerts", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("hooks/alerts", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("169.254.169.254", IsolationLevel.Strict, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("169.254.169.254", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("localhost", IsolationLevel.Strict, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("2130706433", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("metadata.google.internal", IsolationLevel.Strict, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("file:///etc/passwd", IsolationLevel.Strict, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("file:///etc/passwd", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("FILE://fileserver/share/x", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("169.254.169.254", IsolationLevel.Basic, null)]
    [InlineData("\u00a0http://127.0.0.1:18080/", IsolationLevel.Strict, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("https://hooks.acme.com/alerts", IsolationLevel.Strict, null)]
    [InlineData("  https://hooks.acme.com/alerts\n", IsolationLevel.Strict, null)]
    public void A_webhook_target_that_is_a_host_and_port_or_a_reference_is_judged_as_clients_read_it(string target, IsolationLevel level, string? code)
    {
        // curl takes "localhost:6379" for http://localhost:6379 where Uri sees a scheme; a relative reference names no host.
        var (result, path) = Validate("alert action target (webhook)", target, level);

        if (code is null)
        {
            result.ShouldBeCleanlyValid();
        }
        else
        {
            result.ShouldHaveFailure(code, path);
        }
    }

    [Theory]
    [InlineData("notification deep_link")]
    [InlineData("contact_info web link")]
    [InlineData("alert action target (script)")]
    public void A_link_behind_unicode_spaces_is_judged(string member)
    {
        // Python's requests strips leading Unicode spaces and reached 127.0.0.1 through such a link.
        var (result, path) = Validate(member, "\u00a0http://127.0.0.1:18080/", IsolationLevel.Strict);

        result.ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, path);
    }

    [Theory]
    [InlineData("https://hooks.acme.com/a", true)]
    [InlineData("HTTP://x", true)]
    [InlineData(" \t\nh\tttps://x", true)]
    [InlineData("http:x", true)]
    [InlineData("\u00a0http://127.0.0.1/", true)]
    [InlineData("\u3000\u2028https://x", true)]
    [InlineData("myapp://open", false)]
    [InlineData("httpx://x", false)]
    [InlineData("see https://x", false)]
    [InlineData("mailto:ops@acme.com", false)]
    [InlineData("", false)]
    public void An_http_scheme_is_found_as_a_browser_finds_it(string text, bool http) => EndpointGuard.HasHttpScheme(text).Should().Be(http);

    [Theory]
    [MemberData(nameof(EndpointNotationTests.PublicUrls), MemberType = typeof(EndpointNotationTests))]
    [MemberData(nameof(EndpointNotationTests.ForbiddenUnderModerate), MemberType = typeof(EndpointNotationTests))]
    [MemberData(nameof(EndpointNotationTests.ForbiddenUnderStrictOnly), MemberType = typeof(EndpointNotationTests))]
    [InlineData("mailto:ops@acme.com")]
    [InlineData("https://good.com/@127.0.0.1/")]
    [InlineData("https://user:pass@good.com:8443/x?y#z")]
    [InlineData("https:\\\\good.com/x")]
    [InlineData("https://a%40b@good.com/")]
    public void Urls_every_reader_agrees_on_are_readable(string url) => EndpointGuard.IsReadable(url).Should().BeTrue();

    [Fact]
    public void Ordinary_public_urls_in_members_without_a_format_rule_pass_strict()
    {
        foreach (var member in Names(UnformattedMembers))
        {
            Validate(member, "https://hooks.acme.com/alerts?x=1", IsolationLevel.Strict).Result.ShouldBeCleanlyValid();
        }
    }

    private static (ValidationResult Result, string Path) Validate(string member, string url, IsolationLevel level)
    {
        using var host = new TestHost(o => o.IsolationLevel = level);
        host.TenantContext.Current = new TenantContext("acme_01", TenantType.Enterprise);
        var link = Map(("label", "Runbook"), ("href_text", "open"), ("docs", url));

        return member switch
        {
            "alert action target (webhook)" => (Alert(new AlertAction { ActionType = AlertActionType.Webhook, Target = url }), "Actions[0].Target"),
            "alert action target (script)" => (Alert(new AlertAction { ActionType = AlertActionType.Script, Target = url }), "Actions[0].Target"),
            "alert action parameters callback_url" => (Alert(Hook() with { Parameters = Map(("callback_url", url)) }), "Actions[0].Parameters[callback_url]"),
            "alert action parameters link" => (Alert(Hook() with { Parameters = link }), "Actions[0].Parameters[docs]"),
            "notification deep_link" => (Notification(Samples.Notification() with { DeepLink = url }), "DeepLink"),
            "contact_info webhook" => (Notification(WithContact("webhook", url)), "Recipients[0].ContactInfo[webhook]"),
            "contact_info web link" => (Notification(WithContact("slack", url)), "Recipients[0].ContactInfo[slack]"),
            "notification action url" => (Notification(Samples.Notification() with { Actions = [Map(("type", "open_url"), ("label", "Open"), ("url", url))] }), "Actions[0][url]"),
            "notification action target (webhook)" => (Notification(Samples.Notification() with { Actions = [Map(("type", "webhook"), ("target", url))] }), "Actions[0][target]"),
            "notification rule escalation callback_url" => (host.Validator<NotificationRule>().Validate(new NotificationRule
            {
                RuleId = "r1", Name = "Route", TenantId = "acme_01", Conditions = Map(("severity", "high")), Actions = [Map(("channel", "email"))],
                EscalationRules = [Map(("after_minutes", 30), ("callback_url", url))],
            }), "EscalationRules[0][callback_url]"),
            "monitoring prometheus_config url" => (host.Validator<MonitoringConfigSchema>().Validate(
                Monitoring() with { PrometheusConfig = new Dictionary<string, JsonElement> { ["remote_write"] = JsonSerializer.SerializeToElement(new[] { new { url } }) } }, Enterprise),
                "PrometheusConfig[remote_write][0][url]"),
            "monitoring target metrics_path" => (host.Validator<MonitoringConfigSchema>().Validate(
                Monitoring() with { Targets = [Monitoring().Targets[0] with { MetricsPath = url }] }, Enterprise), "Targets[0].MetricsPath"),
            "compliance evidence_artifacts" => (host.Validator<ComplianceSchema>().Validate(
                Samples.Compliance() with { Controls = [Samples.Compliance().Controls[0] with { EvidenceArtifacts = [url] }, .. Samples.Compliance().Controls.Skip(1)] }, Enterprise),
                "Controls[0].EvidenceArtifacts[0]"),
            "performance external_metrics_sources url" => (host.Validator<TenancySchemas.Performance.PerformanceMetricsSchema>().Validate(
                Samples.Performance() with { ExternalMetricsSources = [Map(("name", "datadog"), ("url", url))] }, Enterprise), "ExternalMetricsSources[0][url]"),
            "alert webhook_urls" => (Alert(null, Samples.Alert() with { WebhookUrls = [url] }), "WebhookUrls[0]"),
            "alert runbook_url" => (Alert(null, Samples.Alert() with { RunbookUrl = url }), "RunbookUrl"),
            "notification callback_url" => (Notification(Samples.Notification() with { CallbackUrl = url }), "CallbackUrl"),
            "tenant webhook_url" => (host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { WebhookUrl = url }), "WebhookUrl"),
            "tenant api_endpoints" => (host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { ApiEndpoints = new Dictionary<string, string> { ["orders"] = url } }), "ApiEndpoints[orders]"),
            _ => throw new ArgumentOutOfRangeException(nameof(member), member, null),
        };

        ValidationResult Alert(AlertAction? action, AlertSchema? alert = null) =>
            host.Validator<AlertSchema>().Validate(alert ?? Samples.Alert() with { Actions = [action!] }, Enterprise);

        ValidationResult Notification(NotificationSchema notification) => host.Validator<NotificationSchema>().Validate(notification, Enterprise);

        // The sample's target (http://api:9090) is refused by strict itself.
        static MonitoringConfigSchema Monitoring() =>
            Samples.Monitoring() with { Targets = [Samples.Monitoring().Targets[0] with { Endpoint = "https://api.acme.com:9090" }] };

        static AlertAction Hook() => new() { ActionType = AlertActionType.Webhook, Target = "https://hooks.acme.com/alerts" };

        static NotificationSchema WithContact(string key, string value) =>
            Samples.Notification() with { Recipients = [Samples.Recipient() with { ContactInfo = new Dictionary<string, string> { ["email"] = "r1@acme.example.com", [key] = value } }] };
    }

    private static Dictionary<string, JsonElement> Map(params (string Key, object Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => JsonSerializer.SerializeToElement(e.Value));

    /// <summary>The JSON paths of the string values of a document that are http(s) URLs.</summary>
    private static IEnumerable<string> HttpUrlPaths(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : HttpUrlPaths(p.Value)),
        JsonArray a => a.SelectMany(item => item is null ? [] : HttpUrlPaths(item)),
        JsonValue v when v.TryGetValue<string>(out var s) && (s.StartsWith("https://", StringComparison.Ordinal) || s.StartsWith("http://", StringComparison.Ordinal)) => [v.GetPath()],
        _ => [],
    };

    private static IEnumerable<string> Names(TheoryData<string> rows) => ((IEnumerable<object[]>)rows).Select(row => (string)row[0]);

    private static TheoryData<string, string> Cross(TheoryData<string> members)
    {
        var data = new TheoryData<string, string>();
        foreach (var member in Names(members))
        {
            foreach (var url in Names(Unreadable))
            {
                data.Add(member, url);
            }
        }

        return data;
    }
}
