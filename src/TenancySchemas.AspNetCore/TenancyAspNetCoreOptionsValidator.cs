using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TenancySchemas.AspNetCore;

/// <summary>Checks the package's options at start, naming each bad setting.</summary>
internal sealed class TenancyAspNetCoreOptionsValidator : IValidateOptions<TenancyAspNetCoreOptions>
{
    private const int LongestKeyPrefix = 64;

    public ValidateOptionsResult Validate(string? name, TenancyAspNetCoreOptions options)
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(options.TenantClaimType))
        {
            errors.Add("TenantClaimType must name a claim.");
        }

        if (options.TierClaimType is { } tierClaim && string.IsNullOrWhiteSpace(tierClaim))
        {
            errors.Add("TierClaimType must name a claim, or be null to read no tier claim.");
        }

        if (options.RateLimit is not { } rateLimit)
        {
            errors.Add("RateLimit must not be null.");
            return ValidateOptionsResult.Fail(errors);
        }

        if (rateLimit.RedisConfiguration is { } configuration)
        {
            try
            {
                ConfigurationOptions.Parse(configuration);
            }
            catch (ArgumentException exception)
            {
                errors.Add($"RateLimit:RedisConfiguration is not a StackExchange.Redis configuration: {exception.Message}");
            }

            if (rateLimit.WhenRedisUnavailable is not (RateLimitStoreFailureMode.FailClosed or RateLimitStoreFailureMode.FailOpen))
            {
                errors.Add("RateLimit:WhenRedisUnavailable must be FailClosed (503 with Retry-After) or FailOpen (this process's budgets) when a Redis store is configured.");
            }
        }

        if (string.IsNullOrEmpty(rateLimit.RedisKeyPrefix) || rateLimit.RedisKeyPrefix.Length > LongestKeyPrefix || rateLimit.RedisKeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            errors.Add($"RateLimit:RedisKeyPrefix must be 1-{LongestKeyPrefix} characters without braces.");
        }

        if (rateLimit.UnavailableRetryAfter < TimeSpan.FromSeconds(1))
        {
            errors.Add("RateLimit:UnavailableRetryAfter must be at least one second.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
