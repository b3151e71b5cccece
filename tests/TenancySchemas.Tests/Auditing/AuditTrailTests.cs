using System.Diagnostics;
using System.Text;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using TenancySchemas.Alerts;
using TenancySchemas.Auditing;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Auditing;

/// <summary>One structured, chained audit event per validation, with codes and paths but no document content.</summary>
public sealed class AuditTrailTests
{
    private static string Text(LogEvent e, string name) => ((ScalarValue)e.Properties[name]).Value?.ToString() ?? string.Empty;

    private static string[] Items(LogEvent e, string name) => [.. ((SequenceValue)e.Properties[name]).Elements.Select(v => ((ScalarValue)v).Value?.ToString() ?? string.Empty)];

    [Fact]
    public void A_valid_validation_writes_one_event_with_every_field()
    {
        using var host = new ObservedHost(o => o.SchemaVersion = "v1");
        using var activity = new Activity("request").Start();

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        var e = host.Sink.Events.Should().ContainSingle().Subject;
        e.Timestamp.Should().Be(TestHost.Now);
        e.MessageTemplate.Text.Should().Be("Validated {Schema} for tenant {TenantId} ({Tier}): {Outcome}");
        Text(e, "Schema").Should().Be("tenant_config");
        Text(e, "SchemaVersion").Should().Be("v1");
        Text(e, "TenantId").Should().Be("acme_01");
        Text(e, "Tier").Should().Be("enterprise");
        Text(e, "Outcome").Should().Be("valid");
        Items(e, "RuleSets").Should().Equal("default", "enterprise");
        Items(e, "ErrorCodes").Should().BeEmpty();
        Text(e, "IsolationLevel").Should().Be("moderate");
        Text(e, "CorrelationId").Should().Be(activity.TraceId.ToHexString());
        Text(e, "Sequence").Should().Be("1");
        Text(e, "PreviousMac").Should().Be(new string('0', 64));
        Text(e, "Mac").Should().MatchRegex("^[0-9a-f]{64}$");
        e.Properties.Should().NotContainKey("KeyId", "without a key the chain is plain SHA-256, marked by the missing key id");
        e.Properties.Should().NotContainKey("ClaimedTenantId", "the document claims no other tenant");
        Text(e, "SourceContext").Should().Be("TenancySchemas.Audit");
        Guid.TryParse(Text(e, "AuditEventId"), out _).Should().BeTrue();
        e.Properties.Should().ContainKey("DurationMs");
    }

    [Fact]
    public void Without_an_activity_the_correlation_id_is_left_out_and_the_chain_still_verifies()
    {
        using var host = new ObservedHost();
        Activity.Current = null;

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { TenantName = "X" });

        host.Sink.Events.Should().HaveCount(2).And.OnlyContain(e => !e.Properties.ContainsKey("CorrelationId"));
        AuditLog.Verify(host.Sink.ToClef()).IsIntact.Should().BeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_mac_covers_the_documented_canonical_form(bool keyed)
    {
        // The canonical form is a contract with every verifier of existing logs (docs/observability.md), computed here
        // independently of the library: HMAC-SHA256 with the key, plain SHA-256 without.
        var secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using var host = new ObservedHost(register: services =>
        {
            if (keyed)
            {
                services.AddSingleton(AuditKey.FromBytes(secret));
            }
        });
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { TenantId = "café_01", TenantName = "X" });
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
        var mac = keyed ? Attacker.Hmac(secret) : Attacker.Sha256;

        var previous = Attacker.Genesis;
        foreach (var e in host.Sink.Events)
        {
            var record = Attacker.Parse(AuditLog.Line(e));
            Attacker.Text(record, "PreviousMac").Should().Be(previous);
            Attacker.Text(record, "Mac").Should().Be(mac(Attacker.RecordCanonical(record)));
            Attacker.Text(record, "KeyId").Should().Be(keyed ? AuditKey.FromBytes(secret).KeyId : null);
            previous = Attacker.Text(record, "Mac")!;
        }

        Items(host.Sink.Events.First(), "ErrorCodes").Should().NotBeEmpty("the lists are part of what is checked");
    }

    [Fact]
    public void The_key_id_is_derived_from_the_key_and_the_key_never_reaches_the_log_or_a_string()
    {
        var secret = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        var key = AuditKey.FromBytes(secret);
        using var host = new ObservedHost(register: services => services.AddSingleton(key));

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        key.KeyId.Should().MatchRegex("^[0-9a-f]{16}$").And.Be(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secret, "tenancy-audit-key-id"u8.ToArray()))[..16]);
        AuditKey.FromBytes(secret.Reverse().ToArray()).KeyId.Should().NotBe(key.KeyId);
        var texts = new[] { host.Sink.ToClef(), key.ToString() };
        foreach (var text in texts)
        {
            text.Should().NotContainEquivalentOf(Convert.ToHexString(secret)).And.NotContain(Convert.ToBase64String(secret));
        }

        Text(host.Sink.Events.Single(), "KeyId").Should().Be(key.KeyId);
        key.ToString().Should().Be($"AuditKey {key.KeyId}");
    }

    [Fact]
    public void A_key_put_in_configuration_is_refused_at_start_without_its_value_appearing()
    {
        const string Secret = "c2VjcmV0LWF1ZGl0LWtleS10aGF0LXNob3VsZC1uZXZlci1iZS1zZWVu";
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("Tenancy:Audit:Key", (string?)Secret), KeyValuePair.Create("Tenancy:Audit:CheckpointInterval", (string?)"50")])
            .Build().GetSection("Tenancy");
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        using var provider = services.AddTenancySchemas(section).BuildServiceProvider();

        var act = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TenancySchemaOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain("Tenancy:Audit:Key").And.NotContain(Secret);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(1025)]
    public void A_key_of_the_wrong_length_is_a_programmer_error_that_names_the_length_not_the_bytes(int length)
    {
        var bytes = Enumerable.Repeat((byte)0xAB, length).ToArray();

        var act = () => AuditKey.FromBytes(bytes);

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain($"has {length}").And.NotContainEquivalentOf("abab");
    }

    [Fact]
    public void The_claimed_tenant_is_recorded_when_it_differs_from_the_caller_and_long_ones_are_shortened()
    {
        using var host = new ObservedHost(register: services => services.AddSingleton(AuditKey.FromBytes(new byte[32])));
        var auditor = host.Services.GetRequiredService<ValidationAuditor>();
        var longId = new string('x', 480_000);

        auditor.Record(new ValidationOutcome("alert", "sprout_trial", "bakery-42", "trial", [], "invalid", [], [], TimeSpan.Zero));
        auditor.Record(new ValidationOutcome("alert", "sprout_trial", "sprout_trial", "trial", [], "valid", [], [], TimeSpan.Zero));
        auditor.Record(new ValidationOutcome("alert", "sprout_trial", longId, "trial", [], "invalid", [], [], TimeSpan.Zero));

        var events = host.Sink.Events.ToArray();
        Text(events[0], "TenantId").Should().Be("sprout_trial");
        Text(events[0], "ClaimedTenantId").Should().Be("bakery-42");
        events[1].Properties.Should().NotContainKey("ClaimedTenantId", "the document claims the caller's own tenant");
        Text(events[2], "ClaimedTenantId").Should().MatchRegex("^x{32}…[0-9a-f]{8}$");
        AuditLog.Verify(host.Sink.ToClef(), new AuditVerificationOptions { Keys = [AuditKey.FromBytes(new byte[32])], AllowOpenChains = true })
            .Should().Match<AuditVerificationResult>(r => r.IsIntact && r.IsAuthenticated && r.Records == 3);
        var forged = host.Sink.ToClef().Replace("\"ClaimedTenantId\":\"bakery-42\"", "\"ClaimedTenantId\":\"sprout_trial\"", StringComparison.Ordinal);
        AuditLog.Verify(forged, new AuditVerificationOptions { Keys = [AuditKey.FromBytes(new byte[32])], AllowOpenChains = true }).FirstBreak!
            .Should().Match<AuditBreak>(b => b.Kind == AuditBreakKind.Modified && b.Sequence == 1);
    }

    [Fact]
    public void An_invalid_validation_records_codes_and_paths_but_no_value()
    {
        using var host = new ObservedHost();

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant(TenancySchemas.Tiers.TenantType.Trial) with { TenantName = "X", Quotas = new() { MaxUsers = 99 } });

        var e = host.Sink.Events.Should().ContainSingle().Subject;
        Text(e, "Outcome").Should().Be("invalid");
        Text(e, "Tier").Should().Be("trial");
        Items(e, "ErrorCodes").Should().Equal("LengthValidator", TenancyErrorCodes.TierQuotaExceeded);
        Items(e, "ErrorPaths").Should().Equal("$.tenant_name", "$.quotas.max_users");
    }

    [Fact]
    public void Map_keys_of_paths_are_not_logged()
    {
        using var host = new ObservedHost();

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { ApiEndpoints = new Dictionary<string, string> { ["customer-secret-key"] = "x" } });

        Items(host.Sink.Events.Single(), "ErrorPaths").Should().Equal("$.api_endpoints.*");
    }

    [Fact]
    public void Child_validators_and_batches_write_one_event_per_root_document()
    {
        using var host = new ObservedHost();

        host.Validator<TenancySchemas.Notifications.NotificationBatchSchema>().Validate(Samples.Batch());
        host.Validator<AlertSchema>().Validate(Samples.Alert() with { Conditions = [.. Enumerable.Range(0, 5).Select(_ => Samples.Alert().Conditions[0])] });

        host.Sink.Events.Select(e => Text(e, "Schema")).Should().Equal("notification_batch", "alert");
    }

    [Fact]
    public async Task Asynchronous_validations_and_read_failures_are_audited_once()
    {
        using var host = new ObservedHost();

        await host.Validator<TenantConfigSchema>().ValidateAsync(Samples.Tenant());
        host.Json.ReadAndValidate(Encoding.UTF8.GetBytes("{ not json"), host.Validator<TenantConfigSchema>());
        host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(Samples.TenantJson), host.Validator<TenantConfigSchema>());

        host.Sink.Events.Select(e => (Text(e, "Outcome"), Items(e, "ErrorCodes").FirstOrDefault())).Should().Equal(
            ("valid", null), ("invalid", TenancyErrorCodes.JsonMalformed), ("valid", null));
        AuditLog.Verify(host.Sink.ToClef()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public void Auditing_can_be_switched_off()
    {
        using var host = new ObservedHost(o => o.Audit.Enabled = false);

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        host.Sink.Events.Should().BeEmpty();
    }

    [Fact]
    public void A_logger_configured_with_AuditTo_fails_closed()
    {
        using var host = new ObservedHost(sink: new FailingSink(), auditTo: true);

        var act = () => host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        act.Should().Throw<Exception>().Which.ToString().Should().Contain("disk full");
    }

    [Fact]
    public void Without_a_logger_in_the_container_records_are_dropped_and_validation_works()
    {
        // The zero-configuration quick start: no logger, nothing global is used; the health check says Degraded.
        using var host = new TestHost();

        host.Validate(Samples.Tenant()).IsValid.Should().BeTrue();
        host.Services.GetRequiredService<ValidationAuditor>().Probe().Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
    }

    [Fact]
    public void A_real_compact_json_file_from_serilogs_file_sink_reads_back_and_verifies_closed_by_its_final_checkpoint()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tenancy-audit-{Guid.NewGuid():N}.clef");
        try
        {
            var key = AuditKey.FromBytes(new byte[48]);
            var logger = new LoggerConfiguration().WriteTo.File(new CompactJsonFormatter(), path).CreateLogger();
            using (var host = new ObservedHost(register: services => services.AddSingleton<ILogger>(logger).AddSingleton(key)))
            {
                host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
                host.Validator<AlertSchema>().Validate(Samples.Alert() with { Name = "x" });
                host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { CountryCode = "fr" });
            }

            logger.Dispose();
            var lines = File.ReadAllLines(path);
            lines.Should().HaveCount(4, "three records and the final checkpoint written when the host stopped");
            AuditChainVerifier.ReadClefLine(lines[1])!.Should().Match<AuditRecord>(r => r.Schema == "alert" && r.Outcome == "invalid" && r.Sequence == 2 && r.KeyId == key.KeyId);
            AuditChainVerifier.ReadClefLine(lines[3]).Should().BeNull("the last line is a checkpoint");

            using var log = File.OpenRead(path);
            var result = AuditChainVerifier.VerifyClef(log, new AuditVerificationOptions { Keys = [key] });
            result.Should().Match<AuditVerificationResult>(r => r.IsIntact && r.IsAuthenticated && r.Records == 3 && r.Checkpoints == 1 && r.Chains == 1 && r.OpenChains == 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static AuditRecord ToRecord(LogEvent e) => AuditChainVerifier.ReadClefLine(AuditLog.Line(e))!;
}
