using System.Text;
using TenancySchemas.Alerts;
using TenancySchemas.Common;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;
using TenancySchemas.Warnings;

namespace TenancySchemas.Tests.Alerts;

public sealed class AlertJsonTests : IDisposable
{
    private const string AlertJson = """
        {
          "tenant_id": "acme_01",
          "name": "High CPU",
          "title": "CPU above 90 %",
          "description": "CPU usage of the API tier is above 90 % for 5 minutes.",
          "severity": "high",
          "category": "performance",
          "conditions": [
            {"metric_name": "cpu_usage_percent", "operator": "gt", "threshold": 90},
            {"metric_name": "status", "operator": "eq", "threshold": "degraded"}
          ],
          "suppression": {"enabled": true, "start_time": "22:00", "end_time": "06:00", "days_of_week": [4], "time_zone": "Europe/Paris"},
          "created_at": "2026-11-26T10:00:00Z"
        }
        """;

    private readonly TestHost _host = new();

    [Fact]
    public void An_alert_reads_with_number_and_text_thresholds_and_the_spec_defaults()
    {
        var alert = _host.Json.Read<AlertSchema>(AlertJson).Value!;

        alert.Conditions[0].Threshold.Should().Be(Threshold.FromNumber(90));
        alert.Conditions[1].Threshold.Should().Be(Threshold.FromText("degraded"));
        alert.Conditions[0].Threshold.Should().NotBe(Threshold.FromText("90"), "Number(90) and Text(\"90\") differ");
        alert.Conditions[0].DurationMinutes.Should().Be(5);
        alert.AlertId.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "the default id is a lowercase GUID");
        alert.Status.Should().Be(AlertStatus.Open);
        alert.Source.Should().Be("system");
        alert.Suppression.DaysOfWeek.Should().Equal(4);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[90]")]
    [InlineData("{\"value\": 90}")]
    public void A_threshold_must_be_a_number_or_a_string(string threshold)
    {
        var json = AlertJson.Replace("\"threshold\": 90", $"\"threshold\": {threshold}", StringComparison.Ordinal);

        var error = _host.Json.Read<AlertSchema>(json).Errors.Should().ContainSingle().Which;

        error.PropertyName.Should().Be("$.conditions[0].threshold");
        error.ErrorCode.Should().BeOneOf(TenancyErrorCodes.JsonInvalidKind, TenancyErrorCodes.JsonNullNotAllowed);
    }

    [Fact]
    public void Unknown_operators_and_escalation_levels_are_read_errors()
    {
        var json = AlertJson.Replace("\"operator\": \"gt\"", "\"operator\": \"neq\"", StringComparison.Ordinal);

        var error = _host.Json.Read<AlertSchema>(json).Errors.Should().ContainSingle().Which;

        error.ErrorMessage.Should().Be("'neq' is not a valid AlertOperator at $.conditions[0].operator", "neq belongs to the monitoring family's operators");
    }

    [Fact]
    public void A_tenant_alert_read_as_an_alert_fails_with_unknown_members_instead_of_losing_data()
    {
        var tenantJson = AlertJson.TrimEnd().TrimEnd('}') + ", \"cross_tenant_visibility\": false, \"tenant_permissions\": {\"acme_02\": [\"read\"]}}";

        var asAlert = _host.Json.Read<AlertSchema>(tenantJson);
        var asTenantAlert = _host.Json.Read<TenantAlertSchema>(tenantJson);

        asAlert.Errors.Should().HaveCount(2).And.OnlyContain(e => e.ErrorCode == TenancyErrorCodes.JsonUnknownMember);
        asTenantAlert.Value!.TenantPermissions["acme_02"].Should().Equal("read");
    }

    [Fact]
    public void A_tenant_alert_held_as_an_alert_is_written_whole()
    {
        AlertSchema alert = Samples.TenantAlert();

        var written = _host.Json.Write(alert);

        written.Should().Contain("\"business_impact\":\"Checkout latency\"");
        _host.Json.Read<TenantAlertSchema>(written).Value.Should().Be(alert);
    }

    [Fact]
    public void Suppression_from_json_and_the_helper_agree()
    {
        var alert = _host.Json.Read<AlertSchema>(AlertJson).Value!;

        // 23:30 in Paris on Friday 2026-11-27 (UTC+1).
        alert.IsSuppressed(new DateTimeOffset(2026, 11, 27, 22, 30, 0, TimeSpan.Zero)).Should().BeTrue();
        alert.IsSuppressed(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)).Should().BeFalse();
    }

    [Fact]
    public void Warnings_read_metric_values_as_thresholds()
    {
        var json = """
            {"tenant_id": "acme_01", "title": "Disk filling up", "description": "The volume fills within two days.",
             "severity": "medium", "warning_type": "capacity_warning", "category": "infrastructure", "source": "monitoring_system",
             "metrics": [{"metric_name": "disk", "current_value": "81.5", "baseline_value": 40, "trend": "increasing"}],
             "prediction": {"model_name": "m", "confidence_score": 0.9, "prediction_window_hours": 24, "escalation_probability": "very_high"}}
            """;

        var warning = _host.Json.Read<WarningSchema>(json).Value!;

        warning.Metrics[0].CurrentValue.Kind.Should().Be(ThresholdKind.Text);
        warning.Metrics[0].CurrentValue.TryGetNumber(out var value).Should().BeTrue();
        value.Should().Be(81.5);
        warning.Metrics[0].BaselineValue.Should().Be(Threshold.FromNumber(40));
        warning.Prediction!.EscalationProbability.Should().Be(EscalationProbability.VeryHigh);
        _host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(json), _host.Validator<WarningSchema>()).Errors
            .Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.TierUnknown, "no tier is known for acme_01 in this host");
    }

    public void Dispose() => _host.Dispose();
}
