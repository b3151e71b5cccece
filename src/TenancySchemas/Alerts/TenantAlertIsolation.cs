using System.Text.Json;
using TenancySchemas.Json;
using TenancySchemas.Isolation;
using TenancySchemas.Tiers;

namespace TenancySchemas.Alerts;

/// <summary>The places where a tenant alert reaches other tenants (spec: isolation levels).</summary>
internal static class TenantAlertIsolation
{
    private static readonly string[] DelegationTenantMembers = ["tenant_id", "target_tenant", "tenant"];

    /// <summary>
    /// Strict: nothing may reach another tenant. Moderate: cross-tenant visibility only for enterprise tenants, and
    /// delegation only towards tenants listed in tenant_permissions.
    /// </summary>
    public static IEnumerable<CrossTenantReference> References(TenantAlertSchema alert, IsolationLevel level, TenantType? tier)
    {
        var strict = level == IsolationLevel.Strict;
        if (alert.CrossTenantVisibility && (strict || tier != TenantType.Enterprise))
        {
            yield return new CrossTenantReference("CrossTenantVisibility", "cross_tenant_visibility", "*");
        }

        foreach (var other in alert.TenantPermissions.Keys.Where(k => !string.Equals(k, alert.TenantId, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (strict)
            {
                yield return new CrossTenantReference($"TenantPermissions[{WirePaths.Key(other)}]", $"tenant_permissions.{WirePaths.Key(other)}", other);
            }
        }

        for (var i = 0; i < alert.DelegationRules.Count; i++)
        {
            foreach (var member in DelegationTenantMembers)
            {
                if (alert.DelegationRules[i] is { } rule && rule.TryGetValue(member, out var value) && value.ValueKind == JsonValueKind.String &&
                    value.GetString() is { } other && !string.Equals(other, alert.TenantId, StringComparison.Ordinal) &&
                    (strict || !alert.TenantPermissions.ContainsKey(other)))
                {
                    yield return new CrossTenantReference($"DelegationRules[{i}]", $"delegation_rules[{i}].{member}", other);
                }
            }
        }
    }
}
