using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using TenancySchemas.AspNetCore.Localization;
using TenancySchemas.AspNetCore.Problems;
using TenancySchemas.AspNetCore.Tenants;
using TenancySchemas.RateLimiting;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.AspNetCore.RateLimiting;

/// <summary>
/// The tier rate-limit policy: one partition per caller (the tenant <c>UseTenancySchemas()</c> resolved, never a
/// document's), sized by the caller's tier; requests without a caller are not limited by it. A refusal is answered
/// <c>429</c> with <c>Retry-After</c> and a localized problem, and recorded once (counted and audited) through
/// <see cref="IRateLimitRejections"/>; a refusal because the Redis store is down (fail closed) is answered <c>503</c>.
/// </summary>
internal sealed class TenancyTierPolicy : IRateLimiterPolicy<TierPartition>
{
    private readonly IRateLimitRejections _rejections;
    private readonly Func<TierPartition, RateLimiter> _limiters;

    public TenancyTierPolicy(TierBudgets budgets, IRateLimitRejections rejections, TimeProvider time)
    {
        _rejections = rejections;
        _limiters = partition => new TierLimiter(partition, budgets, time);
        OnRejected = RejectAsync;
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; }

    public RateLimitPartition<TierPartition> GetPartition(HttpContext httpContext)
    {
        var caller = TenancyCallerFeature.Of(httpContext).Caller;
        if (caller is null)
        {
            return RateLimitPartition.GetNoLimiter(TierPartition.Anonymous);
        }

        var schema = httpContext.GetEndpoint()?.Metadata.GetMetadata<TenancySchemaMetadata>()?.Schema;
        return RateLimitPartition.Get(new TierPartition(caller, schema), _limiters);
    }

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, int.MaxValue);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var retry = new KeyValuePair<string, object?>("RetryAfter", seconds);

        Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem;
        if (rejected.Lease is TierLease { StoreUnavailable: true })
        {
            // The tenant spent nothing: the budget could not be asked. Logged and counted by the store.
            problem = TenancyProblems.Refusal(StatusCodes.Status503ServiceUnavailable, ProblemText.RateLimitUnavailable, TenancyErrorCodes.RateLimitUnavailable, retry);
        }
        else
        {
            var caller = TenancyCallerFeature.Of(context).Caller!;
            _rejections.Record(caller, context.GetEndpoint()?.Metadata.GetMetadata<TenancySchemaMetadata>()?.Schema);
            var tier = caller.Tier is { } t && Enum.IsDefined(t) ? t : TenantType.Trial;
            problem = TenancyProblems.Refusal(
                StatusCodes.Status429TooManyRequests, ProblemText.RateLimited, TenancyErrorCodes.RateLimitExceeded, new KeyValuePair<string, object?>("Tier", tier), retry);
        }

        await problem.ExecuteAsync(context).ConfigureAwait(false);
    }
}
