using TenancySchemas.Tiers;

namespace TenancySchemas.RateLimiting;

/// <summary>
/// Thrown when a tenant has used up its validation budget. The document was not validated: it is neither valid nor
/// invalid. The call is audited as <c>rejected</c> and counted in <c>tenancy_schema_rate_limited_total</c>.
/// </summary>
public sealed class TenancyRateLimitExceededException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TenancyRateLimitExceededException"/> class.</summary>
    public TenancyRateLimitExceededException()
        : this("The tenant's validation rate limit was exceeded.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TenancyRateLimitExceededException"/> class.</summary>
    /// <param name="message">The message.</param>
    public TenancyRateLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TenancyRateLimitExceededException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TenancyRateLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TenancyRateLimitExceededException"/> class for a tenant.</summary>
    /// <param name="tenantId">The tenant whose budget is used up.</param>
    /// <param name="tier">The tier whose budget applied, if known.</param>
    /// <param name="retryAfter">When to try again, if known.</param>
    public TenancyRateLimitExceededException(string tenantId, TenantType? tier, TimeSpan? retryAfter)
        : base($"Tenant '{tenantId}' exceeded its validation rate limit; retry after {retryAfter?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1"} s.")
    {
        TenantId = tenantId;
        Tier = tier;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the tenant whose budget is used up.</summary>
    public string? TenantId { get; }

    /// <summary>Gets the tier whose budget applied.</summary>
    public TenantType? Tier { get; }

    /// <summary>Gets when to try again, if known.</summary>
    public TimeSpan? RetryAfter { get; }
}
