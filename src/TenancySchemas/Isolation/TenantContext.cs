using System.Diagnostics.CodeAnalysis;
using TenancySchemas.Common;
using TenancySchemas.Tiers;

namespace TenancySchemas.Isolation;

/// <summary>The tenant on whose behalf the current request runs.</summary>
public sealed record TenantContext
{
    /// <summary>Initializes a new instance of the <see cref="TenantContext"/> class.</summary>
    /// <param name="tenantId">The current tenant's id.</param>
    /// <param name="tier">The current tenant's tier, when known.</param>
    public TenantContext(string tenantId, TenantType? tier = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        TenantId = tenantId;
        Tier = tier;
    }

    /// <summary>Gets the current tenant's id.</summary>
    public string TenantId { get; }

    /// <summary>Gets the current tenant's tier, when known.</summary>
    public TenantType? Tier { get; }

    /// <summary>
    /// Tells whether a value is a tenant id (3-64 letters, digits, '_' or '-', starting with a letter or digit), the
    /// format of every tenant id the library reads: for code that takes a tenant from outside a document (a claim, a
    /// header) and must refuse what is not one before using it.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the value is a tenant id.</returns>
    public static bool IsTenantId([NotNullWhen(true)] string? value) => value is not null && Formats.IsTenantId(value);
}
