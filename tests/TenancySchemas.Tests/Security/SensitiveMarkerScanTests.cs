using System.Reflection;
using System.Text;
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
        var file = BundledDocuments.All.First(d => d.Schema == schema && d.File.EndsWith(".valid.json", StringComparison.Ordinal)).File;
        var planted = SchemaRegistry.Find(schema)!.Accept(new Planter(host, BundledDocuments.Text(file), new SensitiveMarkers()));

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

    [Fact]
    public void The_shared_planter_finds_the_sensitive_members_by_the_attributes_name_as_the_library_marks_them()
    {
        var properties = typeof(SchemaRegistry).Assembly.GetTypes().SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).ToList();

        properties.Where(SensitiveMarkers.IsSensitive).Should().NotBeEmpty().And.BeEquivalentTo(properties.Where(p => p.IsDefined(typeof(SensitiveAttribute), inherit: true)));
    }

    private sealed record Planted(List<string> Markers, List<ValidationFailure> Failures, List<string> Texts);

    private sealed class Planter(ObservedHost host, string json, SensitiveMarkers markers) : ISchemaVisitor<Planted>
    {
        public Planted Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument
        {
            var document = host.Json.Read<T>(json).Value!;
            markers.Plant(document);
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

            return new Planted(markers.Markers, failures, texts);
        }
    }
}
