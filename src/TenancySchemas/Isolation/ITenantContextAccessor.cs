namespace TenancySchemas.Isolation;

/// <summary>
/// Gives the validators the tenant of the current request. The default implementation keeps it in an
/// <see cref="AsyncLocal{T}"/>, so a value set by a middleware flows to every validation of that request.
/// </summary>
public interface ITenantContextAccessor
{
    /// <summary>Gets or sets the current tenant, or <see langword="null"/> when none is set.</summary>
    TenantContext? Current { get; set; }
}

/// <summary>The default <see cref="ITenantContextAccessor"/>: one value per asynchronous flow.</summary>
internal sealed class AsyncLocalTenantContextAccessor : ITenantContextAccessor
{
    private readonly AsyncLocal<TenantContext?> _current = new();

    public TenantContext? Current
    {
        get => _current.Value;
        set => _current.Value = value;
    }
}
