namespace TenancySchemas.AspNetCore;

/// <summary>
/// Where the tier rate-limit policy keeps its budgets: in this process (the default; each instance grants a tenant its
/// full budget), or in Redis, shared by every instance that names the same server and <see cref="RedisKeyPrefix"/>.
/// </summary>
public sealed class TenancyRateLimitOptions
{
    /// <summary>
    /// Gets or sets the StackExchange.Redis configuration of the shared store (<c>redis.internal:6379,password=…,ssl=true</c>),
    /// or <see langword="null"/> to keep budgets in this process. The default value is <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// The connection does not abort at start when Redis is down and fails commands at once while it is disconnected
    /// (no backlog), so that a request never waits for a reconnection; its timeouts are the configuration's
    /// (<c>asyncTimeout</c>, <c>connectTimeout</c>).
    /// </remarks>
    public string? RedisConfiguration { get; set; }

    /// <summary>
    /// Gets or sets the prefix of the store's keys (<c>rl:tb:{prefix:tenant}</c>): instances that share a prefix share
    /// budgets. 1-64 characters, no braces. The default value is <c>tenancy-schemas</c>.
    /// </summary>
    public string RedisKeyPrefix { get; set; } = "tenancy-schemas";

    /// <summary>
    /// Gets or sets what a request gets when the Redis store fails: required whenever <see cref="RedisConfiguration"/> is
    /// set (the host does not start otherwise). Failures are never thrown at the caller; they are logged and counted.
    /// </summary>
    public RateLimitStoreFailureMode WhenRedisUnavailable { get; set; }

    /// <summary>
    /// Gets or sets the <c>Retry-After</c> of a <c>503</c> answered while the store is down under
    /// <see cref="RateLimitStoreFailureMode.FailClosed"/>. At least one second. The default value is 5 seconds.
    /// </summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>What the tier rate-limit policy answers while its Redis store fails.</summary>
public enum RateLimitStoreFailureMode
{
    /// <summary>Not chosen: a configuration error when a Redis store is configured.</summary>
    Unspecified = 0,

    /// <summary>Refuse the request with <c>503 Service Unavailable</c> and <c>Retry-After</c>.</summary>
    FailClosed = 1,

    /// <summary>Fall back to this process's budgets (each instance grants a tenant its full budget until Redis is back).</summary>
    FailOpen = 2,
}
