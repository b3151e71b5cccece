using System.Threading.RateLimiting;

namespace TenancySchemas.AspNetCore.RateLimiting;

/// <summary>
/// The limiter of one partition of the tier policy. It holds no budget (that is in <see cref="TierBudgets"/>), so the
/// partitioned limiter may drop it whenever it is idle.
/// </summary>
/// <remarks>
/// ASP.NET Core's rate limiter asks synchronously, then asynchronously when refused. In process the synchronous
/// attempt decides (the asynchronous one asks the same budget again, which refuses unless a token came back in
/// between); with Redis the synchronous attempt answers "not yet" without asking, so each request asks the store once.
/// </remarks>
internal sealed class TierLimiter(TierPartition partition, TierBudgets budgets, TimeProvider time) : RateLimiter
{
    private long _lastUsed = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        return budgets.Shared ? TierLease.NotYet : budgets.TakeInProcess(partition.Caller!);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        return budgets.TakeAsync(partition.Caller!, cancellationToken);
    }
}
