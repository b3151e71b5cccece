using System.Diagnostics;
using System.Text;
using FluentValidation;
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
        Text(e, "PreviousHash").Should().Be(new string('0', 64));
        Text(e, "Hash").Should().MatchRegex("^[0-9a-f]{64}$");
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
        AuditChainVerifier.VerifyClef(new StringReader(host.Sink.ToClef())).IsIntact.Should().BeTrue();
    }

    [Fact]
    public void The_hash_covers_the_documented_canonical_form()
    {
        // The canonical form is a contract with every verifier of existing logs: the fields in a fixed order, UTF-8,
        // separated by U+001F, list items by U+001E. Computed here independently of the library.
        using var host = new ObservedHost();
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { TenantId = "café_01", TenantName = "X" });
        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());

        foreach (var e in host.Sink.Events)
        {
            var r = ToRecord(e);
            var canonical = string.Join('\u001f',
                r.PreviousHash, r.ChainId, r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), r.EventId, r.Timestamp, r.TenantId, r.Tier,
                r.Schema, r.SchemaVersion, r.Outcome, string.Join('\u001e', r.ErrorCodes), string.Join('\u001e', r.ErrorPaths),
                string.Join('\u001e', r.RuleSets), r.IsolationLevel, r.DurationMs.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                r.CorrelationId ?? string.Empty);
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

            Text(e, "Hash").Should().Be(expected);
        }

        Items(host.Sink.Events.First(), "ErrorCodes").Should().NotBeEmpty("the lists are part of what is checked");
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
        Items(e, "ErrorPaths").Should().Equal("TenantName", "Quotas.MaxUsers");
    }

    [Fact]
    public void Map_keys_of_paths_are_not_logged()
    {
        using var host = new ObservedHost();

        host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { ApiEndpoints = new Dictionary<string, string> { ["customer-secret-key"] = "x" } });

        Items(host.Sink.Events.Single(), "ErrorPaths").Should().Equal("ApiEndpoints[*]");
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
        AuditChainVerifier.Verify(host.Sink.Events.Select(ToRecord)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public void Auditing_can_be_switched_off()
    {
        using var host = new ObservedHost(o => o.EnableAuditing = false);

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
    public void Without_an_audit_logger_the_global_serilog_logger_gets_the_event_with_the_audit_source_context()
    {
        var sink = new CollectingSink();
        var previous = Log.Logger;
        Log.Logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        try
        {
            using var host = new TestHost();
            host.Validate(Samples.Tenant());
            sink.Events.Should().Contain(e => Text(e, "SourceContext") == "TenancySchemas.Audit");
        }
        finally
        {
            Log.Logger = previous;
        }
    }

    [Fact]
    public void A_real_compact_json_file_from_serilogs_file_sink_reads_back_and_verifies()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tenancy-audit-{Guid.NewGuid():N}.clef");
        try
        {
            var logger = new LoggerConfiguration().WriteTo.File(new CompactJsonFormatter(), path).CreateLogger();
            using (var host = new ObservedHost(o => o.AuditLogger = logger))
            {
                host.Validator<TenantConfigSchema>().Validate(Samples.Tenant());
                host.Validator<AlertSchema>().Validate(Samples.Alert() with { Name = "x" });
                host.Validator<TenantConfigSchema>().Validate(Samples.Tenant() with { CountryCode = "fr" });
            }

            logger.Dispose();
            var lines = File.ReadAllLines(path);
            lines.Should().HaveCount(3);
            AuditChainVerifier.ReadClefLine(lines[1])!.Should().Match<AuditRecord>(r => r.Schema == "alert" && r.Outcome == "invalid" && r.Sequence == 2);

            using var reader = new StreamReader(path);
            var result = AuditChainVerifier.VerifyClef(reader);
            result.IsIntact.Should().BeTrue();
            (result.Records, result.Chains).Should().Be((3, 1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static AuditRecord ToRecord(LogEvent e)
    {
        using var writer = new StringWriter();
        new CompactJsonFormatter().Format(e, writer);
        return AuditChainVerifier.ReadClefLine(writer.ToString().Trim())!;
    }
}
