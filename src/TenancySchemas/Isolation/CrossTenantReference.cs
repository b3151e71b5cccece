namespace TenancySchemas.Isolation;

/// <summary>
/// A place in a document that reaches another tenant (a nested tenant id, a permission, a delegation), found by a
/// family's isolation check; the pipeline turns it into <c>tenancy.isolation.cross_tenant_reference</c>.
/// </summary>
/// <param name="Path">The property path of the reference (<c>AuditTrails[2].TenantId</c>).</param>
/// <param name="WirePath">The wire path named in the message (<c>audit_trails[2].tenant_id</c>).</param>
/// <param name="OtherTenantId">The other tenant, or <c>*</c> for every tenant.</param>
internal readonly record struct CrossTenantReference(string Path, string WirePath, string OtherTenantId);
