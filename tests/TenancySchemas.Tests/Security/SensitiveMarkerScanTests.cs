using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Security;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Security;

/// <summary>
/// For every schema: a marker planted in every sensitive member (most of them invalid, so that their rules fail) and in
/// secret-looking entries of every map never appears in any field of any failure (message, attempted value,
/// placeholder values, custom state), in <c>ToString()</c> of records or failures, in exceptions, in the audit log or
/// in the metrics.
/// </summary>
public sealed class SensitiveMarkerScanTests
{
    public static TheoryData<string> Schemas() => new(SchemaRegistry.All.Select(schema => schema.Name));

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task No_sensitive_value_reaches_any_failure_field_log_metric_or_text(string schema)
    {
        using var host = new ObservedHost();
        var counter = 0;
        var file = BundledDocuments.All.First(d => d.Schema == schema && d.File.EndsWith(".valid.json", StringComparison.Ordinal)).File;
        var planted = SchemaRegistry.Find(schema)!.Accept(new Planter(host, BundledDocuments.Text(file), () => $"mk{counter++:D3}q"));

        planted.Markers.Should().NotBeEmpty($"{schema} has sensitive members or maps to plant markers in");
        var texts = new List<string>(planted.Texts)
        {
            host.Sink.ToClef(),
            await host.ScrapeAsync(),
        };
        foreach (var failure in planted.Failures)
        {
            texts.Add(failure.ErrorMessage);
            texts.Add(failure.ToString());
            texts.Add(Convert.ToString(failure.AttemptedValue, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            texts.Add(Convert.ToString(failure.CustomState, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            texts.AddRange((failure.FormattedMessagePlaceholderValues ?? []).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        }

        planted.Failures.Should().NotBeEmpty("the planted values break rules, so failures are scanned too");
        var all = string.Join('\n', texts);
        foreach (var marker in planted.Markers)
        {
            all.Should().NotContain(marker);
        }
    }

    private sealed record Planted(List<string> Markers, List<ValidationFailure> Failures, List<string> Texts);

    private sealed class Planter(ObservedHost host, string json, Func<string> next) : ISchemaVisitor<Planted>
    {
        private readonly List<string> _markers = [];

        public Planted Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument
        {
            var document = host.Json.Read<T>(json).Value!;
            Plant(document, depth: 0);
            var failures = new List<ValidationFailure>();
            var texts = new List<string> { document.ToString()! };

            // Through the validator, through read and validate, and through a read that fails and throws.
            failures.AddRange(host.Validator<T>().Validate(document).Errors);
            var written = host.Json.Write(document);
            failures.AddRange(host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(written), host.Validator<T>()).Errors);
            var damaged = written.Replace("{", "{\"surprise\": 1, ", StringComparison.Ordinal);
            failures.AddRange(host.Json.Read<T>(damaged).Errors);
            try
            {
                host.Json.ReadOrThrow<T>(Encoding.UTF8.GetBytes(damaged[..(damaged.Length / 2)]));
            }
            catch (TenancyJsonException exception)
            {
                texts.Add(exception.ToString());
            }

            try
            {
                host.Validator<T>().ValidateAndThrow(document);
            }
            catch (ValidationException exception)
            {
                texts.Add(exception.ToString());
            }

            return new Planted(_markers, failures, texts);
        }

        // Every sensitive member gets a marker that breaks its format (an address without a domain, a URL that is
        // not one), every string or JSON map a secret-looking entry, at any depth.
        private void Plant(object record, int depth)
        {
            if (depth > 6)
            {
                return;
            }

            foreach (var property in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is null || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                var value = property.GetValue(record);
                var sensitive = property.IsDefined(typeof(SensitiveAttribute), inherit: true);
                switch (value)
                {
                    case string when sensitive:
                        property.SetValue(record, Marker() + "@");
                        break;
                    case IReadOnlyList<string> when sensitive:
                        // A webhook URL's scheme and host are shown by design (spec §1.10): the marker is in its path.
                        property.SetValue(record, new List<string> { Marker() + "@", "https://hooks.example.com/" + Marker() });
                        break;
                    case IReadOnlyDictionary<string, string> map:
                        var withSecret = map.ToDictionary(kv => kv.Key, kv => sensitive ? Marker() + "@" : kv.Value);
                        withSecret["api_token"] = Marker();
                        if (sensitive)
                        {
                            withSecret["email"] = Marker() + "@";
                        }

                        property.SetValue(record, withSecret);
                        break;
                    case IReadOnlyDictionary<string, JsonElement> json:
                        var withJsonSecret = json.ToDictionary(kv => kv.Key, kv => kv.Value);
                        withJsonSecret["password"] = JsonSerializer.SerializeToElement(Marker());
                        withJsonSecret["nested"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["client_secret"] = Marker() });
                        property.SetValue(record, withJsonSecret);
                        break;
                    case IEnumerable items and not string:
                        foreach (var item in items)
                        {
                            if (item is not null && item.GetType().Namespace?.StartsWith("TenancySchemas.", StringComparison.Ordinal) == true && item.GetType().IsClass)
                            {
                                Plant(item, depth + 1);
                            }
                        }

                        break;
                    case { } nested when nested.GetType().IsClass && nested.GetType().Namespace?.StartsWith("TenancySchemas.", StringComparison.Ordinal) == true && !nested.GetType().Namespace!.EndsWith(".Common", StringComparison.Ordinal):
                        Plant(nested, depth + 1);
                        break;
                    case null when sensitive && property.PropertyType == typeof(string):
                        property.SetValue(record, Marker() + "@");
                        break;
                }
            }
        }

        private string Marker()
        {
            var marker = next();
            _markers.Add(marker);
            return marker;
        }
    }
}
