namespace TenancySchemas.DependencyInjection;

/// <summary>The environment variables and configuration keys the library reads.</summary>
internal static class TenancySettingNames
{
    public const string SchemaVersionVariable = "TENANCY_SCHEMA_VERSION";
    public const string DefaultLocaleVariable = "DEFAULT_LOCALE";
    public const string IsolationLevelVariable = "TENANT_ISOLATION_LEVEL";

    public const string SchemaVersionKey = "SchemaVersion";
    public const string DefaultLocaleKey = "DefaultLocale";
    public const string IsolationLevelKey = "IsolationLevel";
    public const string DefaultTierKey = "DefaultTier";
    public const string TiersKey = "Tiers";
    public const string TenantTiersKey = "TenantTiers";
    public const string JsonKey = "Json";
}
