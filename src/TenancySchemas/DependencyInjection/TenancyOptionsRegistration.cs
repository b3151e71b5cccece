using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TenancySchemas.DependencyInjection;

/// <summary>Registers the options' sources, in the order of their precedence, and their validation at start.</summary>
internal static class TenancyOptionsRegistration
{
    /// <summary>The environment variables (first, so that everything after wins) and the validator. Idempotent.</summary>
    public static IServiceCollection AddTenancyOptions(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TenancySchemaOptions>, EnvironmentOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenancySchemaOptions>, TenancySchemaOptionsValidator>());
        services.AddOptions<TenancySchemaOptions>().ValidateOnStart();
        return services;
    }

    /// <summary>A configuration section, applied after everything registered before it.</summary>
    public static IServiceCollection AddTenancyOptionsSection(this IServiceCollection services, IConfiguration section)
    {
        services.AddSingleton<IConfigureOptions<TenancySchemaOptions>>(new ConfigurationSectionSetup(section));
        return services;
    }
}
