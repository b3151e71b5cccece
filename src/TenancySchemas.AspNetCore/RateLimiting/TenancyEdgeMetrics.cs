using System.Diagnostics.Metrics;
using TenancySchemas.Tiers;

namespace TenancySchemas.AspNetCore.RateLimiting;

/// <summary>
/// The instruments of <c>TenancySchemas.AspNetCore</c>, on the <c>TenancySchemas.AspNetCore</c> meter. Rate-limit
/// rejections themselves are counted by the core (<c>tenancy.schema.rate_limited</c>); this meter counts what the core
/// cannot see: failures of the shared store. Tags are bounded: tier, error type, the answer given.
/// </summary>
internal sealed class TenancyEdgeMetrics
{
    public const string MeterName = "TenancySchemas.AspNetCore";

    private readonly Counter<long> _storeErrors;

    public TenancyEdgeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(new MeterOptions(MeterName) { Version = typeof(TenancyEdgeMetrics).Assembly.GetName().Version?.ToString() });
        _storeErrors = meter.CreateCounter<long>("tenancy.rate_limit.store.errors", "{error}", "Failures of the shared rate-limit store, by tier, error type and the answer given (fail_closed, fail_open).");
    }

    public void RecordStoreError(TenantType tier, string errorType, string answer) =>
        _storeErrors.Add(1, new KeyValuePair<string, object?>("tier", TierNames.Of(tier)), new("error.type", errorType), new("answer", answer));
}
