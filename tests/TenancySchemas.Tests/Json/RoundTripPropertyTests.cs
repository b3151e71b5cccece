using System.Text.Json;
using CsCheck;
using TenancySchemas.Isolation;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.Json;

/// <summary>Property tests: any generated valid tenant stays valid and reads back equal after a write.</summary>
public sealed class RoundTripPropertyTests : IDisposable
{
    private static readonly Dictionary<string, TenantFeature> FeatureByWire = Enum.GetValues<TenantFeature>().ToDictionary(
        feature => new TenancySchemas.Json.TenancyJson().Write(Samples.Tenant() with { Features = new HashSet<TenantFeature> { feature } }).Split("\"features\":[\"")[1].Split('"')[0]);

    private static readonly string[] Phones = ["+12025550123", "+442079460958", "+33142685300", "+4930901820"];
    private static readonly string[] Zones = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];

    private readonly TestHost _host = new();

    private static readonly Gen<string> Text = Gen.String[Gen.Char.AlphaNumeric, 2, 40];

    private static readonly Gen<string> AnyText = Gen.String[Gen.Char, 0, 30];

    private static readonly Gen<JsonElement> JsonValue = Gen.OneOf(
        Gen.Int.Select(i => JsonSerializer.SerializeToElement(i)),
        Gen.Double.Where(double.IsFinite).Select(d => JsonSerializer.SerializeToElement(d)),
        AnyText.Select(s => JsonSerializer.SerializeToElement(s)),
        Gen.Bool.Select(b => JsonSerializer.SerializeToElement(b)),
        Gen.Dictionary(Text, Gen.Int)[0, 3].Select(d => JsonSerializer.SerializeToElement(d)));

    public static readonly Gen<TenantConfigSchema> ValidTenants =
        from tier in Gen.OneOf<TenantType>([.. TierProfile.AllTiers])
        let limits = new TierProfile()[tier]
        from id in Gen.String[Gen.Char.AlphaNumeric, 3, 20]
        from name in Text
        from status in Gen.Enum<TenantStatus>()
        from created in Gen.Long[0, 4_000_000_000L].Select(s => DateTimeOffset.FromUnixTimeSeconds(s))
        from offsetHours in Gen.Int[-12, 14]
        from expiresIn in Gen.Int[1, 10_000].Nullable()
        from features in Gen.Shuffle(limits.AllowedFeatures.ToArray(), 0, limits.AllowedFeatures.Count)
        from users in Gen.Int[1, limits.MaxUsers].Nullable()
        from storage in Gen.Int[1, limits.MaxStorageGb].Nullable()
        from calls in Gen.Int[100, limits.MaxApiCallsPerHour].Nullable()
        from backup in Gen.Int[1, limits.MaxBackupRetentionDays].Nullable()
        from uptime in Gen.Double[95, limits.BestUptimePercentage].Nullable()
        from response in Gen.Int[limits.BestResponseTimeMs, 5000].Nullable()
        from support in Gen.Int[limits.BestSupportResponseMinutes, 1440].Nullable()
        from monitoringRetention in Gen.Int[7, limits.MaxRetentionDays].Nullable()
        from session in Gen.Int[5, 480]
        from phone in Gen.OneOf<string>(Phones).Null()
        from zone in Gen.OneOf<string>(Zones)
        from tags in Gen.Dictionary(Text, AnyText)[0, 4]
        from metadata in Gen.Dictionary(Text, JsonValue)[0, 4]
        from isolation in Gen.Enum<IsolationLevel>()
        select new TenantConfigSchema
        {
            TenantId = id,
            TenantName = name,
            TenantType = tier,
            Status = status,
            CreatedAt = created.ToOffset(TimeSpan.FromHours(offsetHours)),
            ExpiresAt = expiresIn is null ? null : created.AddDays(expiresIn.Value),
            Features = features.Select(f => FeatureByWire[f]).ToHashSet(),
            Quotas = new TenantQuotas { MaxUsers = users, MaxStorageGb = storage, MaxApiCallsPerHour = calls, BackupRetention = backup },
            Sla = new TenantSla { UptimePercentage = uptime, ResponseTimeMs = response, SupportResponseMinutes = support },
            Security = new TenantSecurityConfig { SessionTimeoutMinutes = session, IpWhitelist = ["10.0.0.0/8"] },
            Monitoring = new TenantMonitoringConfig { RetentionDays = monitoringRetention, LogLevel = TenantLogLevel.Debug },
            AdminEmail = $"admin@{id}.example.com",
            ContactPhone = phone,
            CountryCode = "FR",
            Timezone = zone,
            IsolationLevel = isolation,
            Tags = tags,
            Metadata = metadata,
        };

    [Fact]
    public void Any_valid_tenant_is_valid_and_round_trips_to_an_equal_record() =>
        ValidTenants.Sample(tenant =>
        {
            _host.Validate(tenant).ShouldBeCleanlyValid();
            var read = _host.Json.Read<TenantConfigSchema>(_host.Json.WriteToUtf8Bytes(tenant));
            read.Errors.Should().BeEmpty();
            read.Value.Should().Be(tenant);
        }, iter: 300);


    public void Dispose() => _host.Dispose();
}
