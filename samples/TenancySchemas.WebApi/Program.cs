using Microsoft.AspNetCore.Authentication;
using Prometheus;
using Serilog;
using Serilog.Formatting.Compact;
using TenancySchemas;
using TenancySchemas.AspNetCore;
using TenancySchemas.Schemas;
using TenancySchemas.WebApi;

var builder = WebApplication.CreateBuilder(args);

// Audit events as compact JSON on standard output; a real app points them at its audit sink.
builder.Services.AddSingleton<Serilog.ILogger>(new LoggerConfiguration().WriteTo.Console(new CompactJsonFormatter()).CreateLogger());

// The "Tenancy" section (isolation, tiers, tenants' tiers); budgets shared through Redis when ConnectionStrings:RateLimits is set.
builder.Services.AddTenancySchemasAspNetCore(builder.Configuration.GetSection("Tenancy"), o =>
{
    o.RateLimit.RedisConfiguration = builder.Configuration.GetConnectionString("RateLimits");
    o.RateLimit.WhenRedisUnavailable = RateLimitStoreFailureMode.FailOpen;
});
builder.Services.AddRateLimiter(o => o.AddTenancyTierPolicy());
builder.Services.AddHealthChecks().AddTenancySchemasCheck();

// DEVELOPMENT ONLY: the caller is the tenant an X-Dev-Tenant header names. Use real authentication (JWT bearer, cookies) elsewhere.
if (builder.Environment.IsDevelopment())
{
    builder.Services.AddAuthentication(DevelopmentAuthentication.SchemeName)
        .AddScheme<AuthenticationSchemeOptions, DevelopmentAuthentication>(DevelopmentAuthentication.SchemeName, null);
}

var app = builder.Build();
app.UseTenancySchemas(); // the request's culture, the caller's tenant, then the rate limiter

// POST /tenants/{tenantId}/{schema} for every schema, each within the caller's tier budget.
var tenants = app.MapGroup("/tenants/{tenantId}").RequireRateLimiting(TenancyRateLimiting.PolicyName);
foreach (var schema in SchemaRegistry.All)
{
    schema.Accept(new SchemaEndpoint(tenants));
}

app.MapHealthChecks("/health");
app.MapMetrics("/metrics");
app.Run();

/// <summary>One endpoint per schema: 201 with the document's warnings, or the filter's 400, 401, 403 or 413.</summary>
internal sealed class SchemaEndpoint(IEndpointRouteBuilder routes) : ISchemaVisitor<RouteHandlerBuilder>
{
    public RouteHandlerBuilder Visit<T>(SchemaDescriptor<T> schema)
        where T : class, ITenancyDocument =>
        routes.MapPost($"/{schema.Name}", (Validated<T> document, HttpRequest request) => Results.Created(
            $"{request.Path}/{Guid.NewGuid():N}",
            new { accepted = true, warnings = document.Warnings.Select(w => new { path = w.PropertyName, code = w.ErrorCode, message = w.ErrorMessage }) }))
        .ValidateTenancy<T>();
}

/// <summary>The app's entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c> in the integration tests.</summary>
public partial class Program;
