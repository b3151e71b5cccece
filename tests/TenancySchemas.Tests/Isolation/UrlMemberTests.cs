using System.Text;
using System.Text.Json;
using TenancySchemas.Alerts;
using TenancySchemas.Isolation;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Isolation;

/// <summary>
/// Every URL of a document is guarded (spec §7.3), not only the members whose format is URL: alert action targets,
/// deep links, contact and callback URLs, URLs in free-form actions and integration settings, and monitoring paths.
/// </summary>
public sealed class UrlMemberTests
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };

    private static TestHost Host(IsolationLevel level)
    {
        var host = new TestHost(o => o.IsolationLevel = level);
        host.TenantContext.Current = new TenantContext("acme_01", TenantType.Enterprise);
        return host;
    }

    private static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Theory]
    [InlineData(AlertActionType.Webhook, "http://169.254.169.254/latest/meta-data/", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData(AlertActionType.Webhook, "https://hooks.acme.com/alerts", IsolationLevel.Strict, null)]
    [InlineData(AlertActionType.Webhook, "ftp://hooks.acme.com/alerts", IsolationLevel.Strict, TenancyErrorCodes.HttpsRequired)]
    [InlineData(AlertActionType.Webhook, "gopher://127.0.0.1:6379/_INFO", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData(AlertActionType.Script, "https://127.0.0.1/restart", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData(AlertActionType.Script, "s3://ops-scripts/restart.sh", IsolationLevel.Strict, null)]
    [InlineData(AlertActionType.Notification, "ops@acme.com", IsolationLevel.Strict, null)]
    [InlineData(AlertActionType.AutoScale, "restart.sh", IsolationLevel.Strict, null)]
    public void An_alert_action_target_is_a_url_when_its_type_is_webhook_and_judged_whenever_it_is_an_http_url(
        AlertActionType type, string target, IsolationLevel level, string? code)
    {
        using var host = Host(level);

        var result = host.Validator<AlertSchema>().Validate(Samples.Alert() with { Actions = [new AlertAction { ActionType = type, Target = target }] }, Enterprise);

        if (code is null)
        {
            result.ShouldBeCleanlyValid();
        }
        else
        {
            result.ShouldHaveFailure(code, "Actions[0].Target");
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:6379/", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("https://[::ffff:169.254.169.254]/", IsolationLevel.Moderate, TenancyErrorCodes.PrivateEndpoint)]
    [InlineData("http://shop.acme.com/promo", IsolationLevel.Strict, TenancyErrorCodes.HttpsRequired)]
    [InlineData("https://shop.acme.com/promo", IsolationLevel.Strict, null)]
    [InlineData("myapp://orders/42", IsolationLevel.Strict, null)]
    [InlineData("intent://scan/#Intent;scheme=zxing;end", IsolationLevel.Strict, null)]
    public void A_deep_link_is_judged_when_it_is_a_web_url_and_may_use_an_app_scheme(string link, IsolationLevel level, string? code)
    {
        using var host = Host(level);

        var result = host.Validator<NotificationSchema>().Validate(Samples.Notification() with { DeepLink = link }, Enterprise);

        if (code is null)
        {
            result.ShouldBeCleanlyValid();
        }
        else
        {
            result.ShouldHaveFailure(code, "DeepLink");
        }
    }

    [Fact]
    public void Contact_webhooks_and_web_urls_in_contact_info_are_judged()
    {
        using var host = Host(IsolationLevel.Moderate);
        var recipient = Samples.Recipient() with
        {
            ContactInfo = new Dictionary<string, string>
            {
                ["email"] = "r1@acme.example.com", ["webhook"] = "http://169.254.169.254/latest/", ["slack"] = "https://127.0.0.1/hook", ["teams"] = "#ops",
            },
        };

        var result = host.Validator<NotificationSchema>().Validate(Samples.Notification() with { Recipients = [recipient] }, Enterprise);

        result.Errors.Where(e => e.ErrorCode == TenancyErrorCodes.PrivateEndpoint).Select(e => e.PropertyName)
            .Should().BeEquivalentTo(["Recipients[0].ContactInfo[webhook]", "Recipients[0].ContactInfo[slack]"]);
    }

    [Fact]
    public void A_contact_webhook_is_a_url_whatever_its_scheme_while_other_contacts_are_judged_only_as_web_urls()
    {
        using var host = Host(IsolationLevel.Strict);
        var recipient = Samples.Recipient() with
        {
            ContactInfo = new Dictionary<string, string> { ["webhook"] = "ftp://hooks.acme.com/x", ["push"] = "apns://device/abc", ["email"] = "r1@acme.example.com" },
        };

        var result = host.Validator<NotificationSchema>().Validate(Samples.Notification() with { Recipients = [recipient] }, Enterprise);

        result.Errors.Select(e => (e.PropertyName, e.ErrorCode)).Should().Equal(("Recipients[0].ContactInfo[webhook]", TenancyErrorCodes.HttpsRequired));
    }

    [Fact]
    public void Urls_in_free_form_notification_actions_are_judged_by_key_and_by_the_action_type()
    {
        using var host = Host(IsolationLevel.Moderate);
        var notification = Samples.Notification() with
        {
            Actions =
            [
                Json("""{"type": "open_url", "label": "Open", "url": "http://127.0.0.1:8080/admin"}"""),
                Json("""{"type": "webhook", "target": "gopher://127.0.0.1:6379/_FLUSHALL"}"""),
                Json("""{"type": "button", "target": "myapp://orders/42", "payload": {"links": ["https://acme.com/a", "http://[::1]/b"]}}"""),
                Json("""{"type": "reply", "text": "see http://localhost:3000/x for details", "note": "metadata.google.internal"}"""),
            ],
        };

        var result = host.Validator<NotificationSchema>().Validate(notification, Enterprise);

        result.Errors.Where(e => e.ErrorCode == TenancyErrorCodes.PrivateEndpoint).Select(e => e.PropertyName)
            .Should().BeEquivalentTo(["Actions[0][url]", "Actions[1][target]", "Actions[2][payload][links][1]"]);
    }

    [Fact]
    public void A_target_in_free_form_json_is_a_url_only_when_a_sibling_names_a_url_kind_of_action()
    {
        using var host = Host(IsolationLevel.Strict);
        var rule = new NotificationRule
        {
            RuleId = "r1",
            Name = "Route",
            TenantId = "acme_01",
            Conditions = Json("""{"severity": "high"}"""),
            Actions = [Json("""{"action_type": "WEBHOOK", "target": "ftp://hooks.acme.com/x"}"""), Json("""{"channel": "push", "target": "apns://device/abc"}""")],
            EscalationRules = [Json("""{"after_minutes": 30, "callback_url": "https://vault.internal/escalate"}""")],
        };

        var result = host.Validator<NotificationRule>().Validate(rule);

        result.Errors.Select(e => (e.PropertyName, e.ErrorCode)).Should().BeEquivalentTo(
            [("Actions[0][target]", TenancyErrorCodes.HttpsRequired), ("EscalationRules[0][callback_url]", TenancyErrorCodes.PrivateEndpoint)]);
    }

    [Fact]
    public void Urls_in_integration_settings_and_monitoring_paths_are_judged()
    {
        using var host = Host(IsolationLevel.Moderate);
        var monitoring = Samples.Monitoring() with
        {
            Targets =
            [
                new MonitoringTarget { TargetId = "t1", Name = "api", TargetType = TargetType.Service, Endpoint = "http://api:9090", MetricsPath = "//169.254.169.254/latest/meta-data" },
                new MonitoringTarget { TargetId = "t2", Name = "db", TargetType = TargetType.Database, Endpoint = "http://db:9090", HealthCheckPath = "/healthz" },
            ],
            PrometheusConfig = Json("""{"remote_write": [{"url": "http://127.0.0.1:9009/api/v1/push"}], "scrape_interval": "15s"}"""),
            OpentelemetryConfig = Json("""{"exporter": {"otlp": {"endpoint": "http://otel-collector:4317"}}}"""),
        };

        var result = host.Validator<MonitoringConfigSchema>().Validate(monitoring, Enterprise);

        result.Errors.Where(e => e.ErrorCode == TenancyErrorCodes.PrivateEndpoint).Select(e => e.PropertyName)
            .Should().BeEquivalentTo(["Targets[0].MetricsPath", "PrometheusConfig[remote_write][0][url]"]);
    }

    [Fact]
    public void Each_notification_of_a_batch_is_guarded_at_its_own_path()
    {
        using var host = Host(IsolationLevel.Moderate);
        var batch = Samples.Batch() with { Notifications = [Samples.Notification(), Samples.Notification() with { NotificationId = "n-002", DeepLink = "http://0.0.0.0:8080/" }] };

        host.Validator<NotificationBatchSchema>().Validate(batch, Enterprise).ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, "Notifications[1].DeepLink");
    }

    [Theory]
    [InlineData("\"deep_link\": \"http://127.0.0.1:6379/\"", "$.deep_link")]
    [InlineData("\"callback_url\": \"https://metadata.google.internal/computeMetadata/v1/\"", "$.callback_url")]
    public void A_document_read_from_json_gets_the_failure_at_its_json_path(string member, string path)
    {
        using var host = Host(IsolationLevel.Moderate);
        var json = """
            {"tenant_id": "acme_01", "notification_type": "info", "title": "Hi", "message": "Hello", "preferred_channels": ["email"],
             "recipients": [{"recipient_id": "r1", "recipient_type": "user", "contact_info": {"email": "r1@acme.example.com", "webhook": "http://[::1]:8080/"}}],
            """ + member + "}";

        var read = host.Json.Read<NotificationSchema>(Encoding.UTF8.GetBytes(json));
        var result = host.Json.Validate(read, host.Validator<NotificationSchema>(), Enterprise);

        result.Errors.Where(e => e.ErrorCode == TenancyErrorCodes.PrivateEndpoint).Select(e => e.PropertyName)
            .Should().BeEquivalentTo([path, "$.recipients[0].contact_info.webhook"]);
    }

    [Fact]
    public void An_alert_read_from_json_gets_its_webhook_target_failure_at_the_json_path()
    {
        using var host = Host(IsolationLevel.Moderate);
        var json = Samples.AlertJson("\"actions\": [{\"action_type\": \"webhook\", \"target\": \"http://１６９.２５４.１６９.２５４/latest/\"}]").Replace("\"acme\"", "\"acme_01\"", StringComparison.Ordinal);

        var read = host.Json.Read<AlertSchema>(Encoding.UTF8.GetBytes(json));
        var result = host.Json.Validate(read, host.Validator<AlertSchema>(), Enterprise);

        result.Errors.Should().ContainSingle(e => e.ErrorCode == TenancyErrorCodes.PrivateEndpoint).Which.PropertyName.Should().Be("$.actions[0].target");
    }

    [Fact]
    public void A_document_without_urls_is_walked_without_allocating()
    {
        object[] documents = [Samples.Tenant(), Samples.Alert() with { Actions = [new AlertAction { ActionType = AlertActionType.Script, Target = "restart.sh" }] }, Samples.Warning(), Samples.Compliance(), Samples.Performance()];
        foreach (var document in documents)
        {
            EndpointGuard.Urls(document);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                EndpointGuard.Urls(document);
            }

            (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, "{0} holds no URL", document.GetType().Name);
        }
    }

    [Fact]
    public void Free_form_json_is_walked_to_the_readers_depth_limit_without_throwing()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < 900; i++)
        {
            deep.Append("{\"a\":");
        }

        deep.Append("{\"url\":\"http://127.0.0.1/\"}").Append('}', 900);
        var document = JsonDocument.Parse(deep.ToString(), new JsonDocumentOptions { MaxDepth = 1000 });
        var notification = Samples.Notification() with { Actions = [new Dictionary<string, JsonElement> { ["deep"] = document.RootElement }] };

        EndpointGuard.Urls(notification).Should().ContainSingle().Which.Url.Should().Be("http://127.0.0.1/");
    }
}
