using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Prometheus;
using Serilog;
using Serilog.Formatting.Compact;
using TenancySchemas;
using TenancySchemas.Alerts;
using TenancySchemas.Compliance;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Performance;
using TenancySchemas.RateLimiting;
using TenancySchemas.Tenants;
using TenancySchemas.Tiers;
using TenancySchemas.Warnings;

var builder = WebApplication.CreateBuilder(args);

// Audit events go to standard output as compact JSON (one event per validation); a real app points them at its audit sink.
Serilog.ILogger audit = new LoggerConfiguration().WriteTo.Console(new CompactJsonFormatter()).CreateLogger();
builder.Services.AddSingleton(audit);

// The "Tenancy" section of appsettings.json, then environment variables (Tenancy__IsolationLevel, DEFAULT_LOCALE, …).
builder.Services.AddTenancySchemas(builder.Configuration.GetSection("Tenancy"));
builder.Services.AddHealthChecks().AddTenancySchemasCheck();
builder.Services.AddProblemDetails();

var app = builder.Build();

// Messages follow Accept-Language among the four languages of the library.
CultureInfo[] languages = [.. TenancySchemaOptions.SupportedLocales.Select(CultureInfo.GetCultureInfo)];
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("en"),
    SupportedCultures = languages,
    SupportedUICultures = languages,
});

// The current tenant comes from the route ({tenantId}) or, for routes without one, the X-Tenant-Id header; each
// request spends that tenant's budget (its tier's requests per second and burst), never the one a body claims.
app.Use(async (context, next) =>
{
    var tenantId = context.GetRouteValue("tenantId") as string ?? context.Request.Headers["X-Tenant-Id"].FirstOrDefault();
    var accessor = context.RequestServices.GetRequiredService<ITenantContextAccessor>();
    if (tenantId is not null)
    {
        var caller = new TenantContext(tenantId, context.RequestServices.GetRequiredService<ITenantTierResolver>().ResolveTier(tenantId));
        using var lease = context.RequestServices.GetRequiredService<ITenantRateLimiter>().AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            var seconds = (int)Math.Ceiling((lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1)).TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many validations for this tenant", detail: $"Retry after {seconds} s.").ExecuteAsync(context);
            return;
        }

        accessor.Current = caller;
    }

    try
    {
        await next(context);
    }
    finally
    {
        accessor.Current = null;
    }
});

// A tenant configuration is registered before any route names its tenant: the caller's tenant comes from X-Tenant-Id.
app.MapPost("/tenant-configs", (HttpRequest request) => Accept<TenantConfigSchema>(request, "tenant-configs"));

var tenants = app.MapGroup("/tenants/{tenantId}");
tenants.MapPost("/config", (HttpRequest request) => Accept<TenantConfigSchema>(request, "config"));
tenants.MapPost("/alerts", (HttpRequest request) => Accept<AlertSchema>(request, "alerts"));
tenants.MapPost("/tenant-alerts", (HttpRequest request) => Accept<TenantAlertSchema>(request, "tenant-alerts"));
tenants.MapPost("/warnings", (HttpRequest request) => Accept<WarningSchema>(request, "warnings"));
tenants.MapPost("/tenant-warnings", (HttpRequest request) => Accept<TenantWarningSchema>(request, "tenant-warnings"));
tenants.MapPost("/notifications", (HttpRequest request) => Accept<NotificationSchema>(request, "notifications"));
tenants.MapPost("/notification-batches", (HttpRequest request) => Accept<NotificationBatchSchema>(request, "notification-batches"));
tenants.MapPost("/monitoring-configs", (HttpRequest request) => Accept<MonitoringConfigSchema>(request, "monitoring-configs"));
tenants.MapPost("/compliance", (HttpRequest request) => Accept<ComplianceSchema>(request, "compliance"));
tenants.MapPost("/performance-metrics", (HttpRequest request) => Accept<PerformanceMetricsSchema>(request, "performance-metrics"));

app.MapHealthChecks("/health");
app.MapMetrics("/metrics");

app.Run();

// Reads and validates the body with the injected validator: 201, 400 with localized problem details, or 429.
static async Task<IResult> Accept<T>(HttpRequest request, string collection)
    where T : class, TenancySchemas.Schemas.ITenancyDocument
{
    var json = request.HttpContext.RequestServices.GetRequiredService<TenancyJson>();
    var validator = request.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();

    // Streamed, within the size limit: a body longer than the limit is refused without being read to its end.
    var result = await json.ReadAndValidateAsync(request.Body, validator, cancellationToken: request.HttpContext.RequestAborted);

    if (!result.IsValid)
    {
        var problem = new ValidationProblemDetails(result.Errors
            .Where(e => e.Severity == Severity.Error)
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
        {
            Title = "The document is not valid",
            Status = StatusCodes.Status400BadRequest,
        };
        problem.Extensions["failures"] = result.Errors.Select(e => new { path = e.PropertyName, code = e.ErrorCode, severity = e.Severity.ToString().ToLowerInvariant(), message = e.ErrorMessage }).ToArray();
        return Results.Problem(problem);
    }

    var warnings = result.Errors.Select(e => new { path = e.PropertyName, code = e.ErrorCode, message = e.ErrorMessage }).ToArray();
    return Results.Created($"{request.Path}/{Guid.NewGuid():N}", new { accepted = true, collection, warnings });
}

/// <summary>The app's entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c> in the integration tests.</summary>
public partial class Program;
