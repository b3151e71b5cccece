using System.Threading.RateLimiting;

namespace TenancySchemas.AspNetCore.RateLimiting;

/// <summary>The tier policy's answer: admitted, refused with a <c>Retry-After</c>, or refused because the shared store is down.</summary>
internal sealed class TierLease : RateLimitLease
{
    private static readonly string[] RetryAfterName = [MetadataName.RetryAfter.Name];
    private readonly TimeSpan? _retryAfter;

    private TierLease(bool acquired, TimeSpan? retryAfter, bool storeUnavailable)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
        StoreUnavailable = storeUnavailable;
    }

    public static TierLease Acquired { get; } = new(true, null, false);

    /// <summary>Gets the answer to ASP.NET Core's synchronous attempt when the budget lives in Redis: ask again asynchronously.</summary>
    public static TierLease NotYet { get; } = new(false, null, false);

    public override bool IsAcquired { get; }

    /// <summary>Gets a value indicating whether the request was refused because the store could not be asked (fail closed).</summary>
    public bool StoreUnavailable { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : RetryAfterName;

    public static TierLease Refused(TimeSpan retryAfter) => new(false, retryAfter, false);

    public static TierLease Unavailable(TimeSpan retryAfter) => new(false, retryAfter, true);

    /// <summary>The in-process limiter's lease as the policy's own (its <c>Retry-After</c> kept).</summary>
    public static TierLease From(RateLimitLease lease)
    {
        using (lease)
        {
            return lease.IsAcquired
                ? Acquired
                : Refused(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
        }
    }

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}
