using TenancySchemas.Isolation;
using TenancySchemas.Tiers;

namespace TenancySchemas.Notifications;

/// <summary>The places where a notification batch or rule reaches other tenants (spec: isolation levels).</summary>
internal static class NotificationIsolation
{
    /// <summary>Under strict isolation a notification of another tenant in the batch is also a cross-tenant reference.</summary>
    public static IEnumerable<CrossTenantReference> BatchReferences(NotificationBatchSchema document, IsolationLevel level, TenantType? tier)
    {
        for (var i = 0; level == IsolationLevel.Strict && i < document.Notifications.Count; i++)
        {
            if (document.Notifications[i]?.TenantId is { } other && !string.Equals(other, document.TenantId, StringComparison.Ordinal))
            {
                yield return new CrossTenantReference($"Notifications[{i}].TenantId", $"notifications[{i}].tenant_id", other);
            }
        }
    }

    /// <summary>Under strict isolation a global rule (no tenant id) reaches every tenant: a cross-tenant reference.</summary>
    public static IEnumerable<CrossTenantReference> RuleReferences(NotificationRule document, IsolationLevel level, TenantType? tier)
    {
        if (level == IsolationLevel.Strict && document.TenantId is null)
        {
            yield return new CrossTenantReference("TenantId", "tenant_id", "*");
        }
    }
}
