using TenancySchemas.Isolation;
using TenancySchemas.Tiers;

namespace TenancySchemas.Compliance;

/// <summary>The places where a compliance record reaches other tenants (spec: isolation levels).</summary>
internal static class ComplianceIsolation
{
    /// <summary>Under strict isolation an audit trail or assessment of another tenant is also a cross-tenant reference.</summary>
    public static IEnumerable<CrossTenantReference> References(ComplianceSchema document, IsolationLevel level, TenantType? tier)
    {
        if (level != IsolationLevel.Strict)
        {
            yield break;
        }

        for (var i = 0; i < document.AuditTrails.Count; i++)
        {
            if (document.AuditTrails[i]?.TenantId is { } other && !string.Equals(other, document.TenantId, StringComparison.Ordinal))
            {
                yield return new CrossTenantReference($"AuditTrails[{i}].TenantId", $"audit_trails[{i}].tenant_id", other);
            }
        }

        for (var i = 0; i < document.Assessments.Count; i++)
        {
            if (document.Assessments[i]?.TenantId is { } other && !string.Equals(other, document.TenantId, StringComparison.Ordinal))
            {
                yield return new CrossTenantReference($"Assessments[{i}].TenantId", $"assessments[{i}].tenant_id", other);
            }
        }
    }
}
