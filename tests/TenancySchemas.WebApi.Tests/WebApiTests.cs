using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TenancySchemas.Schemas;

namespace TenancySchemas.WebApi.Tests;

/// <summary>
/// The ASP.NET Core sample, built on TenancySchemas.AspNetCore and run in memory by WebApplicationFactory: every
/// family, localized problems, the caller from authentication under strict isolation, 429s, metrics, health.
/// </summary>
public sealed partial class WebApiTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory;

    public WebApiTests(WebApplicationFactory<Program> factory) => _factory = factory;

    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BundledSamples", name));

    // The sample runs strict isolation, which accepts only https endpoints with public names (the CLI's samples scrape
    // http://api:9090, a single-label name strict refuses).
    internal static string ForStrict(string json) => SingleLabelHost().Replace(json, "\"http://$1.northwind.example.com:").Replace("\"http://", "\"https://", StringComparison.Ordinal);

    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Post(HttpClient client, string path, string json, string? tenant, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (tenant is not null)
        {
            request.Headers.Add("X-Dev-Tenant", tenant);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private static IEnumerable<string> Codes(JsonNode? problem) =>
        problem?["errors"]?.AsObject().SelectMany(e => e.Value!.AsArray().Select(f => f!["code"]!.GetValue<string>())) ?? [];

    public static TheoryData<string> Schemas() => new(SchemaRegistry.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task A_valid_document_of_every_family_is_created(string schema)
    {
        using var client = _factory.CreateClient();
        var file = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BundledSamples"), $"{schema}.*valid.json")
            .Select(Path.GetFileName).Where(f => f!.Split('.') is [var name, .., "valid", "json"] && name == schema).Order(StringComparer.Ordinal).First()!;
        var document = ForStrict(Sample(file));
        var tenant = JsonNode.Parse(document)!["tenant_id"]?.GetValue<string>() ?? "northwind";
        var path = $"/tenants/{tenant}/{schema}";

        var (status, body, response) = await Post(client, path, document, tenant);

        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        response.Headers.Location!.ToString().Should().StartWith(path + "/");
        body!["accepted"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData("fr", "Le document n'est pas valide", "Les locataires Essai peuvent s'adresser à au plus 3 destinataires")]
    [InlineData("de", "Das Dokument ist ungültig", "Test-Mandanten dürfen höchstens 3 Empfänger adressieren")]
    [InlineData("en", "The document is not valid", "Trial tenants may address at most 3 recipients")]
    public async Task An_invalid_document_is_a_400_problem_with_errors_in_the_callers_language(string language, string title, string expected)
    {
        using var client = _factory.CreateClient();

        var (status, body, response) = await Post(client, "/tenants/sprout_trial/alert", Sample("alert.trial.invalid.json"), "sprout_trial", language);

        status.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body!["status"]!.GetValue<int>().Should().Be(400);
        body["title"]!.GetValue<string>().Should().Be(title);
        var recipients = body["errors"]!["$.recipients"]![0]!;
        recipients["code"]!.GetValue<string>().Should().Be("tenancy.tier.too_many_recipients");
        recipients["message"]!.GetValue<string>().Should().Contain(expected);
        recipients["severity"]!.GetValue<string>().Should().Be("error");
    }

    [Fact]
    public async Task Strict_isolation_in_the_sample_refuses_plain_http_endpoints()
    {
        using var client = _factory.CreateClient();

        var (status, body, _) = await Post(client, "/tenants/northwind/monitoring-config", Sample("monitoring-config.professional.valid.json"), "northwind");

        status.Should().Be(HttpStatusCode.BadRequest);
        Codes(body).Should().Contain("tenancy.isolation.https_required");
    }

    [Fact]
    public async Task The_caller_is_the_authenticated_tenant_and_a_route_naming_another_tenant_is_refused()
    {
        using var client = _factory.CreateClient();
        var bakery = Sample("tenant-config.standard.valid.json");

        (await Post(client, "/tenants/bakery-42/tenant-config", bakery, "bakery-42")).Status.Should().Be(HttpStatusCode.Created);

        var (status, body, _) = await Post(client, "/tenants/bakery-42/tenant-config", bakery, "northwind");
        status.Should().Be(HttpStatusCode.Forbidden, "the URL names another tenant than the authenticated caller");
        body!["code"]!.GetValue<string>().Should().Be("tenancy.isolation.tenant_mismatch");

        var (ownRoute, ownBody, _) = await Post(client, "/tenants/northwind/tenant-config", bakery, "northwind");
        ownRoute.Should().Be(HttpStatusCode.BadRequest, "a document of another tenant than the caller");
        Codes(ownBody).Should().Contain("tenancy.isolation.tenant_mismatch");
    }

    [Fact]
    public async Task Under_strict_isolation_a_request_without_an_authenticated_tenant_is_401_and_headers_are_not_trusted()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tenants/bakery-42/tenant-config") { Content = new StringContent(Sample("tenant-config.standard.valid.json"), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Tenant-Id", "bakery-42");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "strict isolation fails closed: neither the route nor the X-Tenant-Id header is the caller");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().Should().Be("tenancy.isolation.no_tenant_context");
    }

    [Fact]
    public async Task The_development_header_authenticates_nobody_outside_development()
    {
        using var production = _factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = production.CreateClient();

        var (status, _, _) = await Post(client, "/tenants/bakery-42/tenant-config", Sample("tenant-config.standard.valid.json"), "bakery-42");

        status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_its_read_error_not_a_500()
    {
        using var client = _factory.CreateClient();

        var (status, body, _) = await Post(client, "/tenants/sprout_trial/alert", "{\"tenant_id\": ", "sprout_trial", "es");

        status.Should().Be(HttpStatusCode.BadRequest);
        Codes(body).Should().Contain("tenancy.json.malformed");
    }

    [Fact]
    public async Task A_document_of_another_tenant_is_rejected_under_the_samples_strict_isolation()
    {
        using var client = _factory.CreateClient();

        var (status, body, _) = await Post(client, "/tenants/northwind/alert", Sample("alert.trial.valid.json"), "northwind");

        status.Should().Be(HttpStatusCode.BadRequest);
        Codes(body).Should().Contain("tenancy.isolation.tenant_mismatch");
    }

    [Fact]
    public async Task A_tenant_over_its_tier_budget_gets_429_with_retry_after_and_a_localized_problem()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = _factory.WithWebHostBuilder(b => b
            .UseSetting("Tenancy:Tiers:Trial:ValidationRequestsPerSecond", "1")
            .UseSetting("Tenancy:Tiers:Trial:ValidationBurst", "2")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateClient();
        var document = Sample("alert.trial.valid.json");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await Post(client, "/tenants/sprout_trial/alert", document, "sprout_trial")).Status);
        }

        var (status, body, response) = await Post(client, "/tenants/sprout_trial/alert", document, "sprout_trial", "de");

        statuses.Should().Equal(HttpStatusCode.Created, HttpStatusCode.Created);
        status.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        body!["title"]!.GetValue<string>().Should().Be("Zu viele Anfragen");
        body["code"]!.GetValue<string>().Should().Be("tenancy.rate_limit.exceeded");
        (await Post(client, "/tenants/northwind/alert", ForStrict(Sample("alert.professional.valid.json")), "northwind")).Status.Should().Be(HttpStatusCode.Created, "budgets are per tenant");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await Post(client, "/tenants/sprout_trial/alert", document, "sprout_trial")).Status.Should().Be(HttpStatusCode.Created, "a second gives one back");
    }

    [Fact]
    public async Task Metrics_count_validations_by_schema_tier_and_outcome()
    {
        using var client = _factory.CreateClient();
        await Post(client, "/tenants/sprout_trial/alert", Sample("alert.trial.invalid.json"), "sprout_trial");

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

    [Fact]
    public void The_samples_program_stays_the_few_lines_a_user_writes()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "TenancySchemas.sln")))
        {
            directory = directory.Parent;
        }

        var program = File.ReadAllLines(Path.Combine(directory.FullName, "samples", "TenancySchemas.WebApi", "Program.cs"));

        program.Length.Should().BeLessThan(60);
        string.Join('\n', program).Should().Contain("AddTenancySchemasAspNetCore(").And.Contain("UseTenancySchemas()").And.Contain("AddTenancyTierPolicy()").And.Contain(".ValidateTenancy<T>()");
    }

    [GeneratedRegex("\"http://([a-z0-9-]+):")]
    private static partial Regex SingleLabelHost();
}
