namespace TenancySchemas.DependencyInjection;

/// <summary>The environment variables the library reads.</summary>
internal static class TenancySettingNames
{
    public const string SchemaVersionVariable = "TENANCY_SCHEMA_VERSION";
    public const string DefaultLocaleVariable = "DEFAULT_LOCALE";
    public const string IsolationLevelVariable = "TENANT_ISOLATION_LEVEL";

    /// <summary>Gets each variable by the option it sets.</summary>
    public static IReadOnlyDictionary<string, string> ByProperty { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(TenancySchemaOptions.SchemaVersion)] = SchemaVersionVariable,
        [nameof(TenancySchemaOptions.DefaultLocale)] = DefaultLocaleVariable,
        [nameof(TenancySchemaOptions.IsolationLevel)] = IsolationLevelVariable,
    };
}
