using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using TenancySchemas.Isolation;
using TenancySchemas.Schemas;

namespace TenancySchemas.AspNetCore.Tests.Support;

/// <summary>
/// A minimal-API app on a test server, written as a user writes one: AddTenancySchemasAspNetCore, AddRateLimiter with
/// the tier policy, UseTenancySchemas, and POST /{schema} with .ValidateTenancy&lt;T&gt;() for every schema of the
/// registry. Its clock is fake, its audit events, logs and prometheus-net metrics are its own.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly Serilog.Core.Logger _audit;

    private TestApp(WebApplication app, Serilog.Core.Logger audit, CollectingSink sink, FakeTimeProvider clock, CollectorRegistry registry)
    {
        _app = app;
        _audit = audit;
        Audit = sink;
        Clock = clock;
        Registry = registry;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeTimeProvider Clock { get; }

    public CollectingSink Audit { get; }

    public CollectorRegistry Registry { get; }

    public IServiceProvider Services => _app.Services;

    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    public static async Task<TestApp> StartAsync(
        Action<TenancySchemaOptions>? tenancy = null,
        Action<TenancyAspNetCoreOptions>? edge = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? endpoints = null,
        bool useTenancySchemas = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);

        var sink = new CollectingSink();
        var audit = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        var clock = new FakeTimeProvider(Now);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        builder.Services.AddSingleton<Serilog.ILogger>(audit);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(registry);
        services?.Invoke(builder.Services);

        builder.Services.AddAuthentication(TestAuthentication.SchemeName).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null);
        builder.Services.AddTenancySchemasAspNetCore(o => edge?.Invoke(o));
        builder.Services.AddTenancySchemas(o => tenancy?.Invoke(o));
        builder.Services.AddRateLimiter(o => o.AddTenancyTierPolicy());

        var app = builder.Build();
        if (useTenancySchemas)
        {
            app.UseTenancySchemas();
        }

        if (endpoints is not null)
        {
            endpoints(app);
        }
        else
        {
            MapSchemas(app.MapGroup("/").RequireRateLimiting(TenancyRateLimiting.PolicyName));
            app.MapGet("/whoami", (ITenantContextAccessor tenant) => Caller(tenant.Current));
            app.MapGet("/tenants/{tenantId}/whoami", (ITenantContextAccessor tenant) => Caller(tenant.Current));
            app.MapGet("/limited-whoami", (ITenantContextAccessor tenant) => Caller(tenant.Current)).RequireRateLimiting(TenancyRateLimiting.PolicyName);
        }

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await audit.DisposeAsync();
            throw;
        }

        return new TestApp(app, audit, sink, clock, registry);
    }

    /// <summary>POST /{schema} for every schema of the registry, each validating its body.</summary>
    public static void MapSchemas(IEndpointRouteBuilder routes)
    {
        foreach (var schema in SchemaRegistry.All)
        {
            schema.Accept(new SchemaEndpoint(routes));
        }
    }

    public static object Caller(TenantContext? caller) => new { tenant = caller?.TenantId, tier = caller?.Tier?.ToString() };

    public async Task<Answer> PostAsync(string path, string json, string? tenant = null, string? tier = null, string? language = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        Identify(request, tenant, tier, language, headers);
        return await Answer.ReadAsync(await Client.SendAsync(request));
    }

    public async Task<Answer> GetAsync(string path, string? tenant = null, string? tier = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        Identify(request, tenant, tier, language: null, headers);
        return await Answer.ReadAsync(await Client.SendAsync(request));
    }

    public async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await _audit.DisposeAsync();
    }

    private static void Identify(HttpRequestMessage request, string? tenant, string? tier, string? language, (string Name, string Value)[] headers)
    {
        if (tenant is not null)
        {
            request.Headers.Add(TestAuthentication.TenantHeader, tenant);
        }

        if (tier is not null)
        {
            request.Headers.Add(TestAuthentication.TierHeader, tier);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private sealed class SchemaEndpoint(IEndpointRouteBuilder routes) : ISchemaVisitor<RouteHandlerBuilder>
    {
        public RouteHandlerBuilder Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument =>
            routes.MapPost($"/{schema.Name}", (Validated<T> document) => Results.Created($"/{schema.Name}/1", new
            {
                schema = schema.Name,
                type = document.Value.GetType().Name,
                warnings = document.Warnings.Select(w => w.ErrorCode).ToArray(),
            })).ValidateTenancy<T>();
    }
}

/// <summary>An HTTP answer: status, headers and the JSON body, if any.</summary>
internal sealed record Answer(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)
{
    public string? MediaType => Response.Content.Headers.ContentType?.MediaType;

    public string? RetryAfter => Response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;

    /// <summary>Gets the problem's errors as (path, code, message, severity), in order.</summary>
    public IReadOnlyList<(string Path, string Code, string Message, string Severity)> Errors =>
        Body?["errors"] is JsonObject errors
            ? [.. errors.SelectMany(e => e.Value!.AsArray().Select(f => (e.Key, f!["code"]!.GetValue<string>(), f["message"]!.GetValue<string>(), f["severity"]!.GetValue<string>())))]
            : [];

    public string? Code => Body?["code"]?.GetValue<string>();

    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }
}
