using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static TenancySchemas.DependencyInjection.TenancySettingNames;

namespace TenancySchemas.DependencyInjection;

/// <summary>
/// Applies <c>TENANCY_SCHEMA_VERSION</c>, <c>DEFAULT_LOCALE</c> and <c>TENANT_ISOLATION_LEVEL</c>: from the app's
/// configuration when it has them (<c>AddEnvironmentVariables()</c>), else from the process environment. It is
/// registered before any section binding or configure action, so those take precedence.
/// </summary>
internal sealed class EnvironmentOptionsSetup(IServiceProvider services) : IConfigureOptions<TenancySchemaOptions>
{
    public void Configure(TenancySchemaOptions options)
    {
        var configuration = services.GetService<IConfiguration>();
        string? Read(string name) => configuration?[name] ?? Environment.GetEnvironmentVariable(name);

        TenancySettingsReader.ApplySchemaVersion(options, Read(SchemaVersionVariable), SchemaVersionVariable);
        TenancySettingsReader.ApplyDefaultLocale(options, Read(DefaultLocaleVariable), DefaultLocaleVariable);
        TenancySettingsReader.ApplyIsolationLevel(options, Read(IsolationLevelVariable), IsolationLevelVariable);
    }
}
