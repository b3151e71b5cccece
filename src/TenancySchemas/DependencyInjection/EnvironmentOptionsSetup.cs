using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using static TenancySchemas.DependencyInjection.TenancySettingNames;

namespace TenancySchemas.DependencyInjection;

/// <summary>
/// Applies <c>TENANCY_SCHEMA_VERSION</c>, <c>DEFAULT_LOCALE</c> and <c>TENANT_ISOLATION_LEVEL</c>, case-insensitively:
/// from the app's configuration when it has them (<c>AddEnvironmentVariables()</c>), else from the process environment.
/// It is registered before any section binding or configure action, so those take precedence. A value it cannot read is
/// a setting error naming the variable, reported by the options validator.
/// </summary>
internal sealed class EnvironmentOptionsSetup(IServiceProvider services) : IConfigureOptions<TenancySchemaOptions>
{
    public void Configure(TenancySchemaOptions options)
    {
        var configuration = services.GetService<IConfiguration>();
        string? Read(string name) => configuration?[name] ?? Environment.GetEnvironmentVariable(name);

        if (Read(SchemaVersionVariable) is { } version)
        {
            if (string.Equals(version.Trim(), TenancySchemaOptions.CurrentSchemaVersion, StringComparison.OrdinalIgnoreCase))
            {
                options.SchemaVersion = TenancySchemaOptions.CurrentSchemaVersion;
            }
            else
            {
                options.SettingErrors.Add($"{SchemaVersionVariable} '{version}' is not a supported schema version; accepted: {TenancySchemaOptions.CurrentSchemaVersion}");
            }
        }

        if (Read(DefaultLocaleVariable) is { } locale)
        {
            if (MessageCulture.IsSupported(locale.Trim()))
            {
                options.DefaultLocale = locale.Trim().ToLowerInvariant();
            }
            else
            {
                options.SettingErrors.Add($"{DefaultLocaleVariable} '{locale}' is not a supported locale; accepted: {string.Join(", ", MessageCulture.Supported)}");
            }
        }

        if (Read(IsolationLevelVariable) is { } isolation)
        {
            if (WireEnum<IsolationLevel>.TryParse(isolation.Trim().ToLowerInvariant(), out var level))
            {
                options.IsolationLevel = level;
            }
            else
            {
                options.SettingErrors.Add($"{IsolationLevelVariable} '{isolation}' is not an isolation level; accepted: {string.Join(", ", WireEnum<IsolationLevel>.Names)}");
            }
        }
    }
}
