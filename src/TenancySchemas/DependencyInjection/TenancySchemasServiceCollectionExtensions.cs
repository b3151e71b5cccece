using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TenancySchemas.Auditing;
using TenancySchemas.DependencyInjection;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Metrics;
using TenancySchemas.RateLimiting;
using TenancySchemas.Schemas;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

// The extension lives in the package's root namespace so that one "using TenancySchemas;" finds it.
namespace TenancySchemas;

/// <summary>Registers TenancySchemas in a service collection.</summary>
public static class TenancySchemasServiceCollectionExtensions
{
    /// <summary>
    /// Registers every schema validator as a singleton <see cref="FluentValidation.IValidator{T}"/>, the <see cref="TenancyJson"/>
    /// reader and writer, the tenant context and tier resolution, the metrics, and <see cref="TenancySchemaOptions"/>
    /// read from the environment variables. Calling it again adds nothing twice.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Options come from, each source winning over the ones before it: the defaults; the environment variables
    /// <c>TENANCY_SCHEMA_VERSION</c> (<c>v1</c>), <c>DEFAULT_LOCALE</c> (<c>en</c>, <c>fr</c>, <c>de</c>, <c>es</c>) and
    /// <c>TENANT_ISOLATION_LEVEL</c> (<c>strict</c>, <c>moderate</c>, <c>basic</c>), case-insensitive, read through the
    /// container's <see cref="IConfiguration"/> when it has them (<c>AddEnvironmentVariables()</c>), else from the
    /// process environment; a configuration section; the code's configure action. They are validated at first use and
    /// at host start; an <see cref="OptionsValidationException"/> names every bad setting.
    /// </para>
    /// <para>
    /// Metrics are instruments of the <c>TenancySchemas</c> meter, created through the container's
    /// <c>IMeterFactory</c> (registered if missing), and are also written to prometheus-net: to the container's
    /// <c>Prometheus.CollectorRegistry</c> if it has one, else to <c>Metrics.DefaultRegistry</c>.
    /// </para>
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemas(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddTenancyOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITenantContextAccessor, AsyncLocalTenantContextAccessor>();
        services.TryAddSingleton<ITenantTierResolver, OptionsTenantTierResolver>();
        services.AddTenancyAuditing();
        services.AddTenancyRateLimiting();
        services.AddTenancyMetrics();
        services.TryAddSingleton<RuleServices>();
        services.TryAddSingleton<PipelineServices>();
        services.TryAddSingleton(sp => new TenancyJson(
            sp.GetRequiredService<IOptions<TenancySchemaOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            sp.GetRequiredService<ITenantContextAccessor>())
        {
            Observer = sp.GetRequiredService<PipelineServices>(),
        });

        services.TryAddSingleton(sp => new TenancyJsonSchemaExporter(
            sp.GetRequiredService<TenancyJson>(), sp, sp.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.Tiers));

        foreach (var schema in SchemaRegistry.All)
        {
            schema.Register(services);
        }

        return services;
    }

    /// <summary>
    /// Registers TenancySchemas and configures its options in code. The action wins over the environment variables and
    /// over any configuration section registered before it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemas(this IServiceCollection services, Action<TenancySchemaOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddTenancySchemas();
        services.Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers TenancySchemas and binds its options from a configuration section, such as <c>Tenancy</c>
    /// (<c>Tenancy:DefaultLocale</c>, <c>Tenancy:Tiers:Trial:MaxUsers</c>, <c>Tenancy:TenantTiers:acme=enterprise</c>),
    /// with the configuration binder. The section wins over the environment variables; a configure action wins over it.
    /// </summary>
    /// <remarks>
    /// A key that names no setting (<c>Tenancy:Tiers:Trial:MaxRecipnts</c>) or a value the binder cannot convert
    /// (<c>Tenancy:Tiers:Trial:MaxUsers=abc</c>) fails at first use and at host start with an
    /// <see cref="OptionsValidationException"/> naming the key. A configured list replaces the default list.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemas(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddTenancySchemas();
        services.AddTenancyOptionsSection(section);
        return services;
    }

    /// <summary>
    /// Registers TenancySchemas, binds a configuration section, then applies a configure action: defaults, then the
    /// environment variables, then the section, then the action.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section.</param>
    /// <param name="configure">Changes the options after binding.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemas(this IServiceCollection services, IConfiguration section, Action<TenancySchemaOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddTenancySchemas(section);
        services.Configure(configure);
        return services;
    }
}
