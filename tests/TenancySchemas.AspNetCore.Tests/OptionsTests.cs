using Microsoft.Extensions.Options;
using TenancySchemas.AspNetCore.Tests.Support;

namespace TenancySchemas.AspNetCore.Tests;

/// <summary>The package's options are checked at start, each bad setting named; the defaults start.</summary>
public sealed class OptionsTests
{
    [Fact]
    public async Task The_defaults_start()
    {
        await using var app = await TestApp.StartAsync();

        (await app.GetAsync("/whoami")).Status.Should().Be(System.Net.HttpStatusCode.OK);
    }

    public static TheoryData<string, Action<TenancyAspNetCoreOptions>> BadSettings() => new()
    {
        { "WhenRedisUnavailable", o => o.RateLimit.RedisConfiguration = "127.0.0.1:1" },
        { "RedisConfiguration", o => (o.RateLimit.RedisConfiguration, o.RateLimit.WhenRedisUnavailable) = ("127.0.0.1:1,notakeyword=1", RateLimitStoreFailureMode.FailOpen) },
        { "RedisKeyPrefix", o => o.RateLimit.RedisKeyPrefix = "a{b}" },
        { "RedisKeyPrefix", o => o.RateLimit.RedisKeyPrefix = "" },
        { "RedisKeyPrefix", o => o.RateLimit.RedisKeyPrefix = new string('p', 65) },
        { "UnavailableRetryAfter", o => o.RateLimit.UnavailableRetryAfter = TimeSpan.FromMilliseconds(500) },
        { "TenantClaimType", o => o.TenantClaimType = " " },
        { "TierClaimType", o => o.TierClaimType = "" },
        { "RateLimit", o => o.RateLimit = null! },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_host_at_start_naming_it(string setting, Action<TenancyAspNetCoreOptions> configure)
    {
        Func<Task> start = async () =>
        {
            await using var app = await TestApp.StartAsync(edge: configure);
        };

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(setting);
    }

    [Fact]
    public async Task A_redis_store_with_a_failure_mode_starts_even_when_redis_is_down()
    {
        await using var app = await TestApp.StartAsync(edge: o => (o.RateLimit.RedisConfiguration, o.RateLimit.WhenRedisUnavailable) = ("127.0.0.1:1,connectTimeout=200", RateLimitStoreFailureMode.FailClosed));

        (await app.GetAsync("/whoami", tenant: "acme_01")).Status.Should().Be(System.Net.HttpStatusCode.OK, "an endpoint without the policy never asks the store");
    }
}
