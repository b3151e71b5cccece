using System.Collections.Frozen;
using TenancySchemas.Alerts;
using TenancySchemas.Compliance;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Performance;
using TenancySchemas.Tenants;
using TenancySchemas.Warnings;

namespace TenancySchemas.Schemas;

/// <summary>
/// Every schema of the library, once. Adding a schema is a family folder (record, validator) plus one entry here;
/// dependency injection, the JSON Schema export, the command line, the samples and the tests enumerate this list.
/// </summary>
public static class SchemaRegistry
{
    private static readonly SchemaDescriptor[] Schemas =
    [
        new SchemaDescriptor<TenantConfigSchema>("tenant-config", typeof(TenantConfigValidator))
        {
            TenantIdOf = static x => x.TenantId,
            DocumentTier = static x => x.TenantType,
        },
        new SchemaDescriptor<TenantConfigUpdateSchema>("tenant-config-update", typeof(TenantConfigUpdateValidator)),
        new SchemaDescriptor<AlertSchema>("alert", typeof(AlertValidator)) { TenantIdOf = static x => x.TenantId },
        new SchemaDescriptor<TenantAlertSchema>("tenant-alert", typeof(TenantAlertValidator))
        {
            TenantIdOf = static x => x.TenantId,
            CrossTenantReferences = TenantAlertIsolation.References,
        },
        new SchemaDescriptor<WarningSchema>("warning", typeof(WarningValidator)) { TenantIdOf = static x => x.TenantId },
        new SchemaDescriptor<TenantWarningSchema>("tenant-warning", typeof(TenantWarningValidator)) { TenantIdOf = static x => x.TenantId },
        new SchemaDescriptor<NotificationSchema>("notification", typeof(NotificationValidator)) { TenantIdOf = static x => x.TenantId },
        new SchemaDescriptor<NotificationBatchSchema>("notification-batch", typeof(NotificationBatchValidator))
        {
            TenantIdOf = static x => x.TenantId,
            CrossTenantReferences = NotificationIsolation.BatchReferences,
        },
        new SchemaDescriptor<NotificationTemplate>("notification-template", typeof(NotificationTemplateValidator)),
        new SchemaDescriptor<NotificationRule>("notification-rule", typeof(NotificationRuleValidator))
        {
            TenantIdOf = static x => x.TenantId,
            CrossTenantReferences = NotificationIsolation.RuleReferences,
        },
        new SchemaDescriptor<MonitoringConfigSchema>("monitoring-config", typeof(MonitoringConfigValidator)) { TenantIdOf = static x => x.TenantId },
        new SchemaDescriptor<ComplianceSchema>("compliance", typeof(ComplianceValidator))
        {
            TenantIdOf = static x => x.TenantId,
            CrossTenantReferences = ComplianceIsolation.References,
        },
        new SchemaDescriptor<PerformanceMetricsSchema>("performance-metrics", typeof(PerformanceMetricsValidator)) { TenantIdOf = static x => x.TenantId },
    ];

    private static readonly FrozenDictionary<string, SchemaDescriptor> ByName = Schemas.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
    private static readonly FrozenDictionary<Type, SchemaDescriptor> ByType = Schemas.ToFrozenDictionary(s => s.DocumentType);

    /// <summary>Gets every schema, in a stable order.</summary>
    public static IReadOnlyList<SchemaDescriptor> All => Schemas;

    /// <summary>Gets the schema of a name (<c>alert</c>), or <see langword="null"/>.</summary>
    /// <param name="name">The schema name, as on the command line.</param>
    /// <returns>The schema, or <see langword="null"/> when no schema has that name.</returns>
    public static SchemaDescriptor? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.GetValueOrDefault(name);
    }

    /// <summary>Gets the schema of a document type.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <returns>The schema.</returns>
    public static SchemaDescriptor<T> Of<T>()
        where T : class, ITenancyDocument => (SchemaDescriptor<T>)ByType[typeof(T)];

    /// <summary>Gets the schema of a document type, or <see langword="null"/> when the type is not a schema's.</summary>
    /// <param name="documentType">The document type.</param>
    /// <returns>The schema, or <see langword="null"/>.</returns>
    public static SchemaDescriptor? Find(Type documentType)
    {
        ArgumentNullException.ThrowIfNull(documentType);
        return ByType.GetValueOrDefault(documentType);
    }
}
