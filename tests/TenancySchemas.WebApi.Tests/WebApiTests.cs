using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TenancySchemas.WebApi.Tests;

/// <summary>The ASP.NET Core sample, run in memory by WebApplicationFactory: each status code, localized bodies, metrics, health.</summary>
public sealed class WebApiTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory;

    public WebApiTests(WebApplicationFactory<Program> factory) => _factory = factory;

    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BundledSamples", name));

    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Post(HttpClient client, string path, string json, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static TheoryData<string, string> ValidDocuments() => new()
    {
        { "/tenants/sprout_trial/alerts", "alert.trial.valid.json" },
        { "/tenants/northwind/alerts", "alert.professional.valid.json" },
        { "/tenants/enterprise_001/tenant-alerts", "tenant-alert.enterprise.valid.json" },
        { "/tenants/bakery-42/warnings", "warning.standard.valid.json" },
        { "/tenants/enterprise_001/tenant-warnings", "tenant-warning.enterprise.valid.json" },
        { "/tenants/bakery-42/notifications", "notification.standard.valid.json" },
        { "/tenants/northwind/notification-batches", "notification-batch.professional.valid.json" },
        { "/tenants/northwind/monitoring-configs", "monitoring-config.professional.valid.json" },
        { "/tenants/northwind/compliance", "compliance.professional.valid.json" },
        { "/tenants/bakery-42/performance-metrics", "performance-metrics.standard.valid.json" },
        { "/tenants/northwind/config", "tenant-config.professional.valid.json" },
    };

    [Theory]
    [MemberData(nameof(ValidDocuments))]
    public async Task A_valid_document_of_every_family_is_created(string path, string sample)
    {
        using var client = _factory.CreateClient();

        // The sample app runs strict isolation, which accepts only https endpoints with public names (the CLI sample
        // scrapes http://api:9090, a single-label name strict refuses).
        var document = System.Text.RegularExpressions.Regex.Replace(Sample(sample), "\"http://([a-z0-9-]+):", "\"http://$1.northwind.example.com:")
            .Replace("\"http://", "\"https://", StringComparison.Ordinal);
        var (status, body, response) = await Post(client, path, document);

        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        response.Headers.Location!.ToString().Should().StartWith(path + "/");
        body!["accepted"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData("fr", "Les locataires Essai peuvent s'adresser à au plus 3 destinataires")]
    [InlineData("de", "Test-Mandanten dürfen höchstens 3 Empfänger adressieren")]
    [InlineData("en", "Trial tenants may address at most 3 recipients")]
    public async Task An_invalid_document_is_a_400_problem_with_errors_in_the_callers_language(string language, string expected)
    {
        using var client = _factory.CreateClient();

        var (status, body, response) = await Post(client, "/tenants/sprout_trial/alerts", Sample("alert.trial.invalid.json"), language);

        status.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body!["status"]!.GetValue<int>().Should().Be(400);
        body["errors"]!["$.recipients"]![0]!.GetValue<string>().Should().Contain(expected);
        body["failures"]!.AsArray().Should().Contain(f => f!["code"]!.GetValue<string>() == "tenancy.tier.too_many_recipients" && f["path"]!.GetValue<string>() == "$.recipients");
    }

    [Fact]
    public async Task Strict_isolation_in_the_sample_refuses_plain_http_endpoints()
    {
        using var client = _factory.CreateClient();

        var (status, body, _) = await Post(client, "/tenants/northwind/monitoring-configs", Sample("monitoring-config.professional.valid.json"));

        status.Should().Be(HttpStatusCode.BadRequest);
        body!["failures"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).Should().Contain("tenancy.isolation.https_required");
    }

    [Fact]
    public async Task Without_a_tenant_route_the_tenant_comes_from_the_x_tenant_id_header()
    {
        using var client = _factory.CreateClient();
        var document = Sample("tenant-config.standard.valid.json");

        client.DefaultRequestHeaders.Add("X-Tenant-Id", "bakery-42");
        (await Post(client, "/tenant-configs", document)).Status.Should().Be(HttpStatusCode.Created);

        client.DefaultRequestHeaders.Remove("X-Tenant-Id");
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "northwind");
        var (status, body, _) = await Post(client, "/tenant-configs", document);
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["failures"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).Should().Contain("tenancy.isolation.tenant_mismatch");

        client.DefaultRequestHeaders.Remove("X-Tenant-Id");
        (await Post(client, "/tenant-configs", document)).Body!["failures"]!.AsArray().Select(f => f!["code"]!.GetValue<string>())
            .Should().Contain("tenancy.isolation.no_tenant_context", "strict isolation fails closed without a tenant");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_its_read_error_not_a_500()
    {
        using var client = _factory.CreateClient();

        var (status, body, _) = await Post(client, "/tenants/sprout_trial/alerts", "{\"tenant_id\": ", "es");

        status.Should().Be(HttpStatusCode.BadRequest);
        body!["failures"]![0]!["code"]!.GetValue<string>().Should().Be("tenancy.json.malformed");
    }

    [Fact]
    public async Task A_document_of_another_tenant_is_rejected_under_the_samples_strict_isolation()
    {
        using var client = _factory.CreateClient();

        var (status, body, _) = await Post(client, "/tenants/northwind/alerts", Sample("alert.trial.valid.json"));

        status.Should().Be(HttpStatusCode.BadRequest);
        body!["failures"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).Should().Contain("tenancy.isolation.tenant_mismatch");
    }

    [Fact]
    public async Task A_tenant_over_its_validation_budget_gets_429_with_retry_after()
    {
        using var factory = _factory.WithWebHostBuilder(b => b
            .UseSetting("Tenancy:Tiers:Trial:ValidationRequestsPerSecond", "1")
            .UseSetting("Tenancy:Tiers:Trial:ValidationBurst", "2"));
        using var client = factory.CreateClient();
        var document = Sample("alert.trial.valid.json");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6 && limited is null; i++)
        {
            var (status, _, response) = await Post(client, "/tenants/sprout_trial/alerts", document);
            statuses.Add(status);
            limited = status == HttpStatusCode.TooManyRequests ? response : null;
        }

        statuses[0].Should().Be(HttpStatusCode.Created);
        limited.Should().NotBeNull($"a budget of 1/s with a burst of 2 runs out within 6 quick calls: {string.Join(", ", statuses)}");
        limited!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        (await Post(client, "/tenants/northwind/alerts", Sample("alert.professional.valid.json"))).Status.Should().Be(HttpStatusCode.Created, "budgets are per tenant");
    }

    [Fact]
    public async Task Metrics_count_validations_by_schema_tier_and_outcome()
    {
        using var client = _factory.CreateClient();
        await Post(client, "/tenants/sprout_trial/alerts", Sample("alert.trial.invalid.json"));

        var text = await client.GetStringAsync("/metrics");

        text.Should().Contain("tenancy_schema_validations_total{");
        text.Should().MatchRegex("tenancy_schema_validations_total\\{[^}]*schema=\"alert\"[^}]*\\} [1-9]");
        text.Should().Contain("tenancy_schema_validation_errors_total{").And.NotContain("sprout_trial", "tenant ids are never metric labels");
    }

    [Fact]
    public async Task Health_reports_healthy()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
