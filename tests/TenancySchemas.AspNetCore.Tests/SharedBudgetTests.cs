using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using TenancySchemas.AspNetCore.Tests.Support;

namespace TenancySchemas.AspNetCore.Tests;

/// <summary>
/// The tier policy with its budgets in a real redis-server: two app instances share one budget per tenant; an outage
/// is answered as configured (503 + Retry-After when failing closed, this process's budgets when failing open), logged
/// once, counted, and never thrown.
/// </summary>
/// <remarks>
/// The store's bucket runs on the client's clock and refills every second, which no fake clock reaches: a burst is
/// sent as fast as it goes and may be admitted at most one refill per whole second it took, measured around it. That
/// bound is exact (the burst) whenever the burst takes less than a second.
/// </remarks>
public sealed class SharedBudgetTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Burst = 5;
    private const int PerSecond = 1;
    private static readonly string TrialAlert = BundledDocuments.Text("alert.trial.valid.json");
    private static readonly string BakeryWarning = BundledDocuments.Text("warning.standard.valid.json");

    private static Task<TestApp> StartAsync(string configuration, string prefix, RateLimitStoreFailureMode mode, TimeSpan? retryAfter = null) => TestApp.StartAsync(
        tenancy: o =>
        {
            o.Tiers.Trial = o.Tiers.Trial with { ValidationBurst = Burst, ValidationRequestsPerSecond = PerSecond };
            o.Tiers.Standard = o.Tiers.Standard with { ValidationBurst = Burst, ValidationRequestsPerSecond = PerSecond };
        },
        edge: o =>
        {
            o.RateLimit.RedisConfiguration = configuration;
            o.RateLimit.RedisKeyPrefix = prefix;
            o.RateLimit.WhenRedisUnavailable = mode;
            o.RateLimit.UnavailableRetryAfter = retryAfter ?? TimeSpan.FromSeconds(5);
        });

    [SkippableFact]
    public async Task Two_instances_share_one_budget_per_tenant_and_another_tenant_is_unaffected()
    {
        var prefix = $"shared-{Guid.NewGuid():N}";
        await using var first = await StartAsync(redis.Server.Configuration, prefix, RateLimitStoreFailureMode.FailClosed);
        await using var second = await StartAsync(redis.Server.Configuration, prefix, RateLimitStoreFailureMode.FailClosed);
        TestApp[] instances = [first, second];

        // The first request of an instance connects to Redis: made for a tenant of its own, it keeps the bursts short.
        foreach (var instance in instances)
        {
            (await instance.PostAsync("/alert", TrialAlert.Replace("sprout_trial", "warm_up_01", StringComparison.Ordinal), "warm_up_01", "trial")).Status.Should().Be(HttpStatusCode.Created);
        }

        var (trial, trialTook) = await Burst3x(instances, "/alert", TrialAlert, "sprout_trial", "trial");
        var (bakery, bakeryTook) = await Burst3x(instances, "/warning", BakeryWarning, "bakery-42", "standard");

        trial.Count(s => s == HttpStatusCode.Created).Should().BeInRange(Burst, Burst + Refills(trialTook), $"both instances spend one budget, not one each (took {trialTook})");
        trial.Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.TooManyRequests);
        bakery.Count(s => s == HttpStatusCode.Created).Should().BeInRange(Burst, Burst + Refills(bakeryTook), "another tenant has a budget of its own");

        // Each refusal, on whichever instance, was counted and audited once, by that instance.
        var refused = trial.Concat(bakery).Count(s => s == HttpStatusCode.TooManyRequests);
        var counted = 0.0;
        foreach (var instance in instances)
        {
            counted += Sum(await instance.ScrapeAsync(), "tenancy_schema_rate_limited_total");
        }

        counted.Should().Be(refused);
        instances.Sum(i => i.Audit.Outcomes("rejected").Count()).Should().Be(refused);
    }

    [SkippableFact]
    public async Task A_refusal_from_the_shared_store_is_a_429_with_retry_after_and_a_localized_problem()
    {
        await using var app = await StartAsync(redis.Server.Configuration, $"retry-{Guid.NewGuid():N}", RateLimitStoreFailureMode.FailClosed);

        Answer? refused = null;
        for (var i = 0; i < 3 * Burst && refused is null; i++)
        {
            var answer = await app.PostAsync("/alert", TrialAlert, "sprout_trial", "trial", "es");
            refused = answer.Status == HttpStatusCode.TooManyRequests ? answer : null;
        }

        refused.Should().NotBeNull();
        refused!.RetryAfter.Should().Be("1", "the shared bucket refills every second");
        refused.Code.Should().Be("tenancy.rate_limit.exceeded");
        refused.Body!["detail"]!.GetValue<string>().Should().Be("Demasiadas solicitudes para este inquilino (nivel Prueba); reintente dentro de 1 s");
    }

    [SkippableFact]
    public async Task When_redis_stops_failing_closed_answers_503_and_failing_open_falls_back_to_in_process_budgets()
    {
        using var server = RedisServer.Start();
        var prefix = $"outage-{Guid.NewGuid():N}";
        await using var closed = await StartAsync(server.Configuration, prefix, RateLimitStoreFailureMode.FailClosed, TimeSpan.FromSeconds(7));
        await using var open = await StartAsync(server.Configuration, prefix, RateLimitStoreFailureMode.FailOpen);
        using var closedErrors = StoreErrors(closed);
        using var openErrors = StoreErrors(open);
        (await closed.PostAsync("/alert", TrialAlert, "sprout_trial", "trial")).Status.Should().Be(HttpStatusCode.Created);
        (await open.PostAsync("/warning", BakeryWarning, "bakery-42", "standard")).Status.Should().Be(HttpStatusCode.Created);

        server.Stop();
        var whenClosed = new List<Answer>();
        var whenOpen = new List<Answer>();
        for (var i = 0; i < Burst + 2; i++)
        {
            whenClosed.Add(await closed.PostAsync("/alert", TrialAlert, "sprout_trial", "trial", "fr"));
            whenOpen.Add(await open.PostAsync("/warning", BakeryWarning, "bakery-42", "standard"));
        }

        whenClosed.Should().OnlyContain(a => a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter == "7" && a.Code == "tenancy.rate_limit.unavailable");
        whenClosed[0].Body!["title"]!.GetValue<string>().Should().Be("La limite de débit est indisponible");
        whenOpen.Select(a => a.Status).Should().Equal(
            [.. Enumerable.Repeat(HttpStatusCode.Created, Burst), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            "this instance's own budget applies (its clock does not move)");

        closedErrors.GetMeasurementSnapshot().Should().HaveCount(Burst + 2).And.OnlyContain(m => (string?)m.Tags["answer"] == "fail_closed" && (string?)m.Tags["tier"] == "trial");
        openErrors.GetMeasurementSnapshot().Should().HaveCount(Burst + 2).And.OnlyContain(m => (string?)m.Tags["answer"] == "fail_open" && (string?)m.Tags["tier"] == "standard");
        closed.Audit.Outcomes("rejected").Should().BeEmpty("an outage spends no tenant's budget and is no rejection of the tenant");
        open.Audit.Outcomes("rejected").Should().HaveCount(2);

        var warnings = closed.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning && r.Category!.Contains("RedisBudgetStore", StringComparison.Ordinal)).ToList();
        warnings.Should().ContainSingle("an outage is logged once, not once per request");
        warnings[0].Message.Should().Contain("unavailable").And.Contain("trial").And.Contain("fail_closed").And.NotContain("sprout_trial");
        closed.Logs.GetSnapshot().Should().NotContain(r => r.Message.Contains("sprout_trial", StringComparison.Ordinal), "no tenant id reaches the log");
    }

    [Fact]
    public async Task A_store_never_reachable_since_start_is_answered_as_configured_from_the_first_request_and_the_app_stops_cleanly()
    {
        // Port 1 on the loopback refuses connections at once.
        const string Nowhere = "127.0.0.1:1,connectTimeout=500,asyncTimeout=500";
        var open = await StartAsync(Nowhere, "nowhere", RateLimitStoreFailureMode.FailOpen);
        var closed = await StartAsync(Nowhere, "nowhere", RateLimitStoreFailureMode.FailClosed);

        (await open.PostAsync("/alert", TrialAlert, "sprout_trial", "trial")).Status.Should().Be(HttpStatusCode.Created);
        (await closed.PostAsync("/alert", TrialAlert, "sprout_trial", "trial")).Status.Should().Be(HttpStatusCode.ServiceUnavailable);

        Func<Task> stop = async () =>
        {
            await open.DisposeAsync();
            await closed.DisposeAsync();
        };
        await stop.Should().NotThrowAsync();
    }

    private static MetricCollector<long> StoreErrors(TestApp app) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), "TenancySchemas.AspNetCore", "tenancy.rate_limit.store.errors");

    // Three times the budget, alternating between instances, as fast as they answer; and how long that took.
    private static async Task<(List<HttpStatusCode> Statuses, TimeSpan Took)> Burst3x(TestApp[] instances, string path, string json, string tenant, string tier)
    {
        var statuses = new List<HttpStatusCode>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 3 * Burst; i++)
        {
            statuses.Add((await instances[i % instances.Length].PostAsync(path, json, tenant, tier)).Status);
        }

        return (statuses, watch.Elapsed);
    }

    private static int Refills(TimeSpan took) => (int)Math.Floor(took.TotalSeconds) * PerSecond;

    private static double Sum(string exposition, string metric) =>
        exposition.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal)).Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
