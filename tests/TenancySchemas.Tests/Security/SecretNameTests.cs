using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Security;

/// <summary>
/// Values under secret-looking keys follow one list, whatever the case or separators: masked in <c>ToString()</c>,
/// encrypted with Data Protection in string maps and in free-form JSON at any depth, and read back as they were.
/// </summary>
public sealed class SecretNameTests : IDisposable
{
    public static readonly TheoryData<string> SecretKeys = new(
        "password", "passwd", "db_password", "secret", "client-secret", "api_token", "access_token", "api_key", "X-Api-Key",
        "private_key", "aws_access_key_id", "auth", "Authorization", "bearer", "credential", "cookie", "session_cookie", "dsn",
        "signature", "connection_string", "PRIVATE.KEY");

    private readonly ServiceProvider _provider;

    public SecretNameTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddTenancySchemas();
        _provider = services.BuildServiceProvider();
    }

    private TenancyJson Json => _provider.GetRequiredService<TenancyJson>();

    [Theory]
    [MemberData(nameof(SecretKeys))]
    public void A_secret_looking_key_is_masked_in_to_string(string key)
    {
        var alert = Samples.Alert() with { Tags = new Dictionary<string, string> { [key] = "mk-secret-q9", ["team"] = "platform" } };

        alert.ToString().Should().NotContain("mk-secret-q9").And.Contain("platform");
    }

    [Theory]
    [MemberData(nameof(SecretKeys))]
    public void A_secret_looking_key_is_encrypted_in_string_maps_and_in_json_at_any_depth(string key)
    {
        using var context = Caller("acme_01");
        var alert = Samples.Alert() with
        {
            Tags = new Dictionary<string, string> { [key] = "mk-secret-q9", ["team"] = "platform" },
            Context = new Dictionary<string, JsonElement>
            {
                [key] = JsonSerializer.SerializeToElement(new { nested = "mk-secret-q8" }),
                ["deploy"] = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["stage"] = "prod", [key] = "mk-secret-q7", ["list"] = new object[] { new Dictionary<string, object> { [key] = 42 } } }),
            },
        };

        var json = Json.Write(alert);

        json.Should().NotContainAny("mk-secret-q9", "mk-secret-q8", "mk-secret-q7").And.Contain("platform").And.Contain("prod");
        json.Should().Contain("enc:v1:");
        var read = Json.Read<AlertSchema>(json);
        read.Errors.Should().BeEmpty();
        read.Value.Should().Be(alert, "every sealed value opens back into what it was, JSON values included");
    }

    [Fact]
    public void Keys_that_only_look_alike_are_left_alone()
    {
        using var context = Caller("acme_01");
        var alert = Samples.Alert() with { Tags = new Dictionary<string, string> { ["team"] = "platform", ["region"] = "eu-west" } };

        Json.Write(alert).Should().Contain("\"tags\":{\"team\":\"platform\",\"region\":\"eu-west\"}");
    }

    [Fact]
    public void Another_tenants_sealed_map_value_is_undecryptable_at_its_path()
    {
        string json;
        using (Caller("acme_01"))
        {
            json = Json.Write(Samples.Alert() with { Tags = new Dictionary<string, string> { ["api_token"] = "mk-secret-q9" } });
        }

        using var other = Caller("globex_02");
        var read = Json.Read<AlertSchema>(json);

        read.Errors.Should().ContainSingle(e => e.PropertyName == "$.tags.api_token").Which.ErrorCode.Should().Be(TenancyErrorCodes.UndecryptableValue);
        read.Errors.Should().OnlyContain(e => e.ErrorCode == TenancyErrorCodes.UndecryptableValue, "the recipients, a sensitive member, are acme_01's too");
    }

    [Fact]
    public void A_validation_failure_under_a_secret_key_carries_no_value()
    {
        using var host = new TestHost(o => o.DefaultTier = TenancySchemas.Tiers.TenantType.Enterprise);
        var tenant = Samples.Tenant() with { ApiEndpoints = new Dictionary<string, string> { ["auth_token_url"] = "mk-secret-q9" } };

        var failure = host.Validate(tenant).Errors.Should().ContainSingle(e => e.PropertyName.StartsWith("ApiEndpoints", StringComparison.Ordinal)).Subject;

        failure.AttemptedValue.Should().BeNull();
        (failure.FormattedMessagePlaceholderValues?.Values.Select(v => v?.ToString()) ?? []).Should().NotContain("mk-secret-q9");
        failure.ErrorMessage.Should().NotContain("mk-secret-q9");
    }

    public void Dispose() => _provider.Dispose();

    private TenantScope Caller(string tenant) => new(_provider.GetRequiredService<ITenantContextAccessor>(), tenant);

    private sealed class TenantScope : IDisposable
    {
        private readonly ITenantContextAccessor _accessor;

        public TenantScope(ITenantContextAccessor accessor, string tenant)
        {
            _accessor = accessor;
            accessor.Current = new TenantContext(tenant);
        }

        public void Dispose() => _accessor.Current = null;
    }
}
