using System.Collections;
using System.Reflection;
using System.Text;
using FluentValidation;
using Serilog.Formatting.Compact;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Security;

/// <summary>
/// Plants a unique marker in every sensitive member of every schema's sample and looks for the markers everywhere a
/// value could leak: ToString(), failure messages and attempted values, audit events, metrics and exception messages.
/// </summary>
public sealed class SensitiveMarkerTests
{
    public static TheoryData<string> Schemas() => new(Documents().Keys);

    private static Dictionary<string, Func<object>> Documents() => new()
    {
        ["tenant_config"] = () => Samples.Tenant(),
        ["alert"] = () => Samples.Alert() with { Escalations = [new TenancySchemas.Alerts.AlertEscalation { Level = TenancySchemas.Alerts.EscalationLevel.L1, Channels = [], Recipients = ["x"] }] },
        ["tenant_alert"] = () => Samples.TenantAlert(),
        ["notification"] = () => Samples.Notification() with { CallbackUrl = "https://x.example.com" },
        ["notification_batch"] = () => Samples.Batch(),
        ["monitoring_config"] = () => Samples.Monitoring() with { ApiKeys = new Dictionary<string, string> { ["k"] = "v" }, WebhookEndpoints = ["https://x.example.com"] },
        ["compliance"] = () => Samples.Compliance() with { ReportDistribution = ["x"], AuditTrails = [new TenancySchemas.Compliance.AuditTrail { UserId = "u", TenantId = "acme_01", Action = "a", ResourceType = "r", ResourceId = "i", Success = true, IpAddress = "x" }] },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task No_marker_of_a_sensitive_member_leaks(string schema)
    {
        using var host = new ObservedHost();
        var markers = new List<string>();
        var document = Plant(Documents()[schema](), markers, depth: 0);
        markers.Should().NotBeEmpty("every schema here has sensitive members");

        var validator = (IValidator)host.Services.GetService(typeof(IValidator<>).MakeGenericType(document.GetType()))!;
        var result = validator.Validate(new ValidationContext<object>(document));
        string? exceptionText = null;
        try
        {
            typeof(DefaultValidatorExtensions).GetMethods().First(m => m.Name == "ValidateAndThrow" && m.GetParameters().Length == 2)
                .MakeGenericMethod(document.GetType()).Invoke(null, [validator, document]);
        }
        catch (TargetInvocationException exception)
        {
            exceptionText = exception.InnerException!.ToString();
        }

        var log = new StringBuilder();
        foreach (var e in host.Sink.Events)
        {
            using var writer = new StringWriter();
            new CompactJsonFormatter().Format(e, writer);
            log.Append(writer);
        }

        var places = new Dictionary<string, string>
        {
            ["ToString()"] = document.ToString()!,
            ["failure messages"] = string.Join("\n", result.Errors.Select(e => e.ErrorMessage)),
            ["attempted values"] = string.Join("\n", result.Errors.Select(e => e.AttemptedValue?.ToString())),
            ["audit log"] = log.ToString(),
            ["metrics"] = await host.ScrapeAsync(),
            ["exception"] = exceptionText ?? string.Empty,
        };
        foreach (var (place, text) in places)
        {
            foreach (var marker in markers)
            {
                text.Should().NotContain(marker, "a sensitive value leaked into {0}", place);
            }
        }
    }

    // Replaces every [Sensitive] string (and list or map of strings) with an invalid marker value, at any depth.
    private static object Plant(object record, List<string> markers, int depth)
    {
        var clone = record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
        foreach (var property in clone.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var sensitive = property.GetCustomAttributes(inherit: true).Any(a => a.GetType().Name == "SensitiveAttribute");
            var value = property.GetValue(clone);
            string Marker()
            {
                var marker = $"zq{markers.Count:D3}mark";
                markers.Add(marker);
                return marker;
            }

            if (sensitive && property.PropertyType == typeof(string))
            {
                property.SetValue(clone, Marker());
            }
            else if (sensitive && property.PropertyType == typeof(IReadOnlyList<string>))
            {
                property.SetValue(clone, new List<string> { Marker(), Marker() + "@" });
            }
            else if (sensitive && property.PropertyType == typeof(IReadOnlyDictionary<string, string>))
            {
                property.SetValue(clone, new Dictionary<string, string> { ["email"] = Marker(), ["phone"] = Marker(), ["other"] = Marker() });
            }
            else if (depth < 4 && value is not null && value is not string && value.GetType().Namespace?.StartsWith("TenancySchemas.", StringComparison.Ordinal) == true && value.GetType().GetMethod("<Clone>$") is not null)
            {
                property.SetValue(clone, Plant(value, markers, depth + 1));
            }
            else if (depth < 4 && value is IEnumerable list && value is not string && property.PropertyType.IsGenericType &&
                property.PropertyType.GetGenericArguments()[0].GetMethod("<Clone>$") is not null)
            {
                var itemType = property.PropertyType.GetGenericArguments()[0];
                var planted = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
                foreach (var item in list)
                {
                    planted.Add(item is null ? null : Plant(item, markers, depth + 1));
                }

                property.SetValue(clone, planted);
            }
        }

        return clone;
    }
}
