using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using TenancySchemas.Alerts;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;
using TenancySchemas.Warnings;

namespace TenancySchemas.Tests.Alerts;

/// <summary>
/// Property tests: generated valid alerts and warnings stay valid and round-trip; a single invalid value put into
/// a valid document yields an error at that value's path and never an exception.
/// </summary>
public sealed class AlertPropertyTests : IDisposable
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };
    private static readonly Gen<string> Word = Gen.String[Gen.Char.AlphaNumeric, 3, 30];
    private static readonly Gen<string> Sentence = Gen.String[Gen.Char.AlphaNumeric, 10, 200];

    private readonly TestHost _host = new();

    private static readonly Gen<AlertCondition> Conditions =
        from metric in Word
        from op in Gen.Enum<AlertOperator>()
        from number in Gen.Double[-1e6, 1e6]
        from text in Word
        from duration in Gen.Int[1, 1440]
        from window in Gen.Int[1, 60]
        select new AlertCondition
        {
            MetricName = metric,
            Operator = op,
            Threshold = op is AlertOperator.Gt or AlertOperator.Gte or AlertOperator.Lt or AlertOperator.Lte ? number : text,
            DurationMinutes = duration,
            EvaluationWindow = window,
        };

    public static readonly Gen<TenantAlertSchema> ValidAlerts =
        from name in Word
        from title in Sentence
        from description in Sentence
        from severity in Gen.Enum<AlertSeverity>()
        from category in Gen.Enum<AlertCategory>()
        from conditions in Conditions.Array[1, 5]
        from levels in Gen.Shuffle(Enum.GetValues<EscalationLevel>(), 1, 5)
        from channels in Gen.Enum<AlertChannel>().Array[0, 4]
        from recipients in Word.Select(w => w + "@acme.example.com").Array[0, 6]
        from created in Gen.Long[0, 3_000_000_000L].Select(s => DateTimeOffset.FromUnixTimeSeconds(s))
        from triggered in Gen.Int[0, 1000].Nullable()
        from days in Gen.Int[0, 6].Array[0, 7]
        from crossTenant in Gen.Bool
        select new TenantAlertSchema
        {
            AlertId = Guid.NewGuid().ToString(),
            TenantId = "acme_01",
            Name = name,
            Title = title,
            Description = description,
            Severity = severity,
            Category = category,
            Conditions = conditions,
            Escalations = [.. levels.Order().Select(l => new AlertEscalation { Level = l, Channels = channels, Recipients = recipients })],
            NotificationChannels = channels,
            Recipients = recipients,
            CreatedAt = created,
            TriggeredAt = triggered is null ? null : created.AddMinutes(triggered.Value),
            AcknowledgedAt = triggered is null ? null : created.AddMinutes(triggered.Value + 5),
            Suppression = new AlertSuppression { Enabled = true, StartTime = "22:00", EndTime = "06:00", DaysOfWeek = days, TimeZone = "Europe/Berlin" },
            CrossTenantVisibility = crossTenant,
            TenantPermissions = new Dictionary<string, IReadOnlyList<string>> { ["acme_02"] = ["read"] },
            DelegationRules = [new Dictionary<string, JsonElement> { ["to"] = JsonSerializer.SerializeToElement("l2") }],
        };

    public static readonly Gen<TenantWarningSchema> ValidWarnings =
        from title in Sentence
        from description in Sentence
        from severity in Gen.Enum<WarningSeverity>()
        from type in Gen.Enum<WarningType>()
        from category in Gen.Enum<WarningCategory>()
        from source in Gen.Enum<WarningSource>()
        from hours in Gen.Int[1, 4]
        from probability in Gen.Enum<EscalationProbability>().Where(p => p != EscalationProbability.VeryLow)
        from metrics in Word.Select(w => new WarningMetric { MetricName = w, CurrentValue = w.Length, Trend = MetricTrend.Stable }).Array[0, 3]
        from users in Gen.Int[0, 100_000].Nullable()
        from cost in Gen.Double[0, 1e6].Nullable()
        select new TenantWarningSchema
        {
            TenantId = "acme_01",
            Title = title,
            Description = description,
            Severity = severity,
            WarningType = type,
            Category = category,
            Source = source,
            EscalationThresholdHours = hours,
            Metrics = metrics,
            Prediction = new WarningPrediction { ModelName = "m1", ConfidenceScore = 0.5, PredictionWindowHours = 12, EscalationProbability = probability },
            Impact = new WarningImpact { AffectedUsers = users },
            CostImpact = cost,
            CreatedAt = DateTimeOffset.UnixEpoch,
            CustomThresholds = new Dictionary<string, double> { ["cpu"] = 0.5 },
        };

    [Fact]
    public void Any_valid_alert_is_valid_and_round_trips_to_an_equal_record() =>
        ValidAlerts.Sample(alert =>
        {
            _host.Validator<TenantAlertSchema>().Validate(alert, Enterprise).ShouldBeCleanlyValid();
            var read = _host.Json.Read<TenantAlertSchema>(_host.Json.WriteToUtf8Bytes(alert));
            read.Errors.Should().BeEmpty();
            read.Value.Should().Be(alert);
            _host.Validator<TenantAlertSchema>().Validate(read.Value!, Enterprise).IsValid.Should().BeTrue();
        }, iter: 200);

    [Fact]
    public void Any_valid_warning_is_valid_and_round_trips_to_an_equal_record() =>
        ValidWarnings.Sample(warning =>
        {
            _host.Validator<TenantWarningSchema>().Validate(warning, Enterprise).ShouldBeCleanlyValid();
            var read = _host.Json.Read<TenantWarningSchema>(_host.Json.WriteToUtf8Bytes(warning));
            read.Errors.Should().BeEmpty();
            read.Value.Should().Be(warning);
        }, iter: 200);

    // A mutation puts one invalid value at one path of a valid document; the failure must be reported there.
    private static readonly (string Path, JsonNode? Value)[] AlertMutations =
    [
        ("$.tenant_id", "-bad"),
        ("$.tenant_id", 42),
        ("$.name", "ab"),
        ("$.severity", "catastrophic"),
        ("$.severity", null),
        ("$.conditions", new JsonArray()),
        ("$.conditions[0].duration_minutes", 0),
        ("$.conditions[0].duration_minutes", "5"),
        ("$.conditions[0].evaluation_window", 1.5),
        ("$.conditions[0].operator", "neq"),
        ("$.escalations[0].delay_minutes", 1441),
        ("$.escalations[0].level", "l9"),
        ("$.suppression.start_time", "25:00"),
        ("$.suppression.days_of_week", new JsonArray(7)),
        ("$.suppression.time_zone", "Mars/Base"),
        ("$.recipients", new JsonArray("broken@")),
        ("$.cooldown_minutes", 61),
        ("$.max_notifications", -3),
        ("$.created_at", "2026-01-01"),
        ("$.runbook_url", "not a url"),
        ("$.metrics.user_satisfaction", 9),
        ("$.business_impact", new string('x', 501)),
        ("$.tenant_permissions", new JsonArray()),
        ("$.cross_tenant_visibility", "false"),
    ];

    [Fact]
    public void Any_single_invalid_value_yields_an_error_at_its_path_and_never_an_exception() =>
        Gen.Select(ValidAlerts, Gen.Int[0, AlertMutations.Length - 1]).Sample((alert, index) =>
        {
            var (path, value) = AlertMutations[index];
            var node = JsonNode.Parse(_host.Json.Write(alert))!;
            Set(node, path, value?.DeepClone());

            var result = _host.Json.ReadAndValidate(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()), _host.Validator<TenantAlertSchema>(), Enterprise);

            result.IsValid.Should().BeFalse(path);
            result.Errors.Should().Contain(e => e.PropertyName == path || e.PropertyName.StartsWith(path + "[", StringComparison.Ordinal) || e.PropertyName.StartsWith(path + ".", StringComparison.Ordinal),
                "the mutation at {0} must be reported there; got {1}", path, string.Join("; ", result.Errors.Select(e => e.PropertyName + " " + e.ErrorCode)));
        }, iter: 300);

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var segments = System.Text.RegularExpressions.Regex.Matches(path, @"\.([a-z_]+)|\[(\d+)\]").Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value)).ToList();
        var current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            current = segments[i] is string name ? current[name]! : current[(int)segments[i]]!;
        }

        if (segments[^1] is string last)
        {
            current[last] = value;
        }
        else
        {
            current[(int)segments[^1]] = value;
        }
    }

    public void Dispose() => _host.Dispose();
}
