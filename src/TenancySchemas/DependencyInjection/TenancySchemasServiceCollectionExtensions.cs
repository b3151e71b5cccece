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
    /// reader and writer, the tenant context and tier resolution, and <see cref="TenancySchemaOptions"/> read from
    /// the environment variables. Calling it again adds nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemas(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TenancySchemaOptions>, EnvironmentOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenancySchemaOptions>, TenancySchemaOptionsValidator>());
        services.AddOptions<TenancySchemaOptions>().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITenantContextAccessor, AsyncLocalTenantContextAccessor>();
        services.TryAddSingleton<ITenantTierResolver, OptionsTenantTierResolver>();
        services.TryAddSingleton<ValidationAuditor>();
        services.TryAddSingleton<ITenantRateLimiter, TenantRateLimiter>();
        services.TryAddSingleton<TenancyMetrics>();
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

    /// <summary>Registers TenancySchemas and configures its options in code. The action wins over configuration and environment variables.</summary>
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
    /// (<c>Tenancy:DefaultLocale</c>, <c>Tenancy:Tiers:Trial:MaxUsers</c>, <c>Tenancy:TenantTiers:acme=enterprise</c>).
    /// The section wins over the environment variables.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTenancySchemas(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddTenancySchemas();
        var path = section is IConfigurationSection named ? named.Path : string.Empty;
        services.Configure<TenancySchemaOptions>(options => TenancySettingsReader.ApplySection(options, section, path));
        return services;
    }

    /// <summary>Registers TenancySchemas, binds a configuration section, then applies a configure action.</summary>
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
