using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;
using TenancySchemas.Tiers;

namespace TenancySchemas.AspNetCore.RateLimiting;

/// <summary>
/// Token buckets per tenant in Redis (<c>RedisRateLimiting</c>'s token bucket), sized by the tenant's tier: a bucket
/// holds up to the tier's <see cref="TierLimits.ValidationBurst"/> and gains its
/// <see cref="TierLimits.ValidationRequestsPerSecond"/> once a second. Every instance that uses the same server and key
/// prefix spends the same buckets.
/// </summary>
/// <remarks>
/// The bucket's clock is the calling instance's: each call writes the time of the bucket's last refill as that
/// instance sees it. A failure of the store (connection, timeout, server error) is never thrown: it is logged (tier and
/// error type only), counted, and answered with <see langword="null"/> for the caller to apply the configured mode.
/// </remarks>
internal sealed partial class RedisBudgetStore(
    IOptions<TenancyAspNetCoreOptions> options,
    IOptions<TenancySchemaOptions> tenancy,
    TenancyEdgeMetrics metrics,
    ILogger<RedisBudgetStore> logger) : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _connection;
    private int _failing;
    private bool _disposed;

    /// <summary>Takes a permit from a tenant's shared bucket; <see langword="null"/> when the store failed.</summary>
    public async ValueTask<TierLease?> TryTakeAsync(string tenantId, TenantType tier, CancellationToken cancellationToken)
    {
        var settings = options.Value.RateLimit;
        try
        {
            var connection = await Connection(settings.RedisConfiguration!).WaitAsync(cancellationToken).ConfigureAwait(false);
            var limits = tenancy.Value.Tiers[tier];
            var limiter = new RedisTokenBucketRateLimiter<string>($"{settings.RedisKeyPrefix}:{tenantId}", new RedisTokenBucketRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => connection,
                TokenLimit = Math.Max(1, limits.ValidationBurst),
                TokensPerPeriod = Math.Max(1, limits.ValidationRequestsPerSecond),
                ReplenishmentPeriod = Period,
            });

            // Its synchronous acquire always refuses; the asynchronous one runs the bucket's script.
            using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogRecovered(logger);
            }

            // The bucket refills once a period: a refused caller may retry after at most one.
            return lease.IsAcquired ? TierLease.Acquired : TierLease.Refused(Period);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var mode = settings.WhenRedisUnavailable == RateLimitStoreFailureMode.FailOpen ? "fail_open" : "fail_closed";
            var errorType = exception.GetType().Name;
            metrics.RecordStoreError(tier, errorType, mode);

            // One warning when the store starts failing, then debug until it answers again: an outage does not flood the log.
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogUnavailable(logger, errorType, TierNames.Of(tier), mode);
            }
            else
            {
                LogStillUnavailable(logger, errorType, TierNames.Of(tier), mode);
            }

            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? connection;
        lock (_gate)
        {
            _disposed = true;
            connection = _connection;
        }

        if (connection is null)
        {
            return;
        }

        try
        {
            // A connection still being made is closed once made (at most the configuration's connectTimeout).
            await (await connection.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // It was never made: nothing to close.
        }
    }

    // One connection, made at first use; a connection attempt that failed is made again at the next request.
    private Task<ConnectionMultiplexer> Connection(string configuration)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is null || _connection.IsFaulted || _connection.IsCanceled)
            {
                var redis = ConfigurationOptions.Parse(configuration);

                // Never wait at start for a server that is down, and never hold a request in the backlog while disconnected.
                redis.AbortOnConnectFail = false;
                redis.BacklogPolicy = BacklogPolicy.FailFast;
                _connection = ConnectionMultiplexer.ConnectAsync(redis);
            }

            return _connection;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The Redis rate-limit store is unavailable ({ErrorType}) for a {Tier} tenant; requests are answered {Mode} until it is back")]
    private static partial void LogUnavailable(ILogger logger, string errorType, string tier, string mode);

    [LoggerMessage(2, LogLevel.Debug, "The Redis rate-limit store is still unavailable ({ErrorType}) for a {Tier} tenant; answered {Mode}")]
    private static partial void LogStillUnavailable(ILogger logger, string errorType, string tier, string mode);

    [LoggerMessage(3, LogLevel.Information, "The Redis rate-limit store answers again")]
    private static partial void LogRecovered(ILogger logger);
}
