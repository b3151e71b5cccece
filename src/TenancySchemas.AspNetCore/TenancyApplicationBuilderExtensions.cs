using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TenancySchemas.AspNetCore.Tenants;

namespace TenancySchemas.AspNetCore;

/// <summary>Adds TenancySchemas to an ASP.NET Core request pipeline.</summary>
public static class TenancyApplicationBuilderExtensions
{
    /// <summary>
    /// Adds, in this order: request localization for the library's languages (en, fr, de, es; <c>Accept-Language</c>,
    /// else the default locale), so messages follow the caller's language; tenant resolution, which sets the tenant
    /// context for the request and clears it afterwards; and ASP.NET Core's rate limiter, after tenant resolution so
    /// that the tier policy partitions by the resolved caller.
    /// </summary>
    /// <remarks>
    /// Call it after authentication (a <c>WebApplication</c> adds authentication before the app's own middleware when it
    /// is registered) and do not call <c>UseRateLimiter()</c> as well: it would run the limiter twice.
    /// </remarks>
    /// <param name="app">The application.</param>
    /// <returns>The application, for chaining.</returns>
    public static IApplicationBuilder UseTenancySchemas(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var defaultLocale = app.ApplicationServices.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.DefaultLocale;
        CultureInfo[] cultures = [.. TenancySchemaOptions.SupportedLocales.Select(CultureInfo.GetCultureInfo)];
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(defaultLocale),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        });
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseRateLimiter();
        return app;
    }
}
