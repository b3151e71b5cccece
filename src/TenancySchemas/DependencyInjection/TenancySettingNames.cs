namespace TenancySchemas.DependencyInjection;

/// <summary>The environment variables the library reads.</summary>
internal static class TenancySettingNames
{
    public const string SchemaVersionVariable = "TENANCY_SCHEMA_VERSION";
    public const string DefaultLocaleVariable = "DEFAULT_LOCALE";
    public const string IsolationLevelVariable = "TENANT_ISOLATION_LEVEL";
}
