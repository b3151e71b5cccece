using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TenancySchemas.AspNetCore.RateLimiting;
using TenancySchemas.AspNetCore.Tenants;

namespace TenancySchemas.AspNetCore;

/// <summary>Registers TenancySchemas for an ASP.NET Core app.</summary>
public static class TenancyAspNetCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers TenancySchemas (<c>AddTenancySchemas()</c>, unless the app did), tenant resolution, the endpoint
    /// validation's problem details and what the tier rate-limit policy needs. Pair it with <c>app.UseTenancySchemas()</c>,
    /// and add the policy with <c>AddRateLimiter(o =&gt; o.AddTenancyTierPolicy())</c>. The options are checked at start.
    /// Calling it again adds nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemasAspNetCore(this IServiceCollection services) => Register(services, configure: null);

    /// <summary>Registers the ASP.NET Core integration (see <see cref="AddTenancySchemasAspNetCore(IServiceCollection)"/>) and configures its options in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the package's options (claims, trusted route values and headers, the Redis store).</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemasAspNetCore(this IServiceCollection services, Action<TenancyAspNetCoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, configure);
    }

    /// <summary>
    /// Registers TenancySchemas with its options bound from a configuration section (such as <c>Tenancy</c>, as
    /// <c>AddTenancySchemas(section)</c> does), then the ASP.NET Core integration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="tenancySection">The section of the library's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemasAspNetCore(this IServiceCollection services, IConfiguration tenancySection)
    {
        ArgumentNullException.ThrowIfNull(tenancySection);
        services.AddTenancySchemas(tenancySection);
        return Register(services, configure: null);
    }

    /// <summary>
    /// Registers TenancySchemas with its options bound from a configuration section, then the ASP.NET Core integration
    /// with its options configured in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="tenancySection">The section of the library's options.</param>
    /// <param name="configure">Changes the package's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemasAspNetCore(this IServiceCollection services, IConfiguration tenancySection, Action<TenancyAspNetCoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(tenancySection);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddTenancySchemas(tenancySection);
        return Register(services, configure);
    }

    private static IServiceCollection Register(IServiceCollection services, Action<TenancyAspNetCoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTenancySchemas();
        services.AddProblemDetails();

        // UseTenancySchemas() runs the rate limiter, which needs its services whether or not the app adds policies.
        services.AddRateLimiter(static _ => { });

        var options = services.AddOptions<TenancyAspNetCoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenancyAspNetCoreOptions>, TenancyAspNetCoreOptionsValidator>());
        services.TryAddSingleton<TenantResolution>();
        services.TryAddSingleton<TenancyEdgeMetrics>();
        services.TryAddSingleton<RedisBudgetStore>();
        services.TryAddSingleton<TierBudgets>();
        return services;
    }
}
