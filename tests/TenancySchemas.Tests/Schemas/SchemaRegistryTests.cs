using System.Xml.Linq;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Schemas;

/// <summary>
/// Every list of schemas is the registry's: a schema added to it without a validator registration, an export, bundled
/// samples or a reader fails here. (The command line and the web sample check their own lists in their test projects.)
/// </summary>
public sealed class SchemaRegistryTests : IDisposable
{
    private readonly TestHost _host = new();

    public static TheoryData<string> Names() => new(SchemaRegistry.All.Select(schema => schema.Name));

    [Fact]
    public void The_registry_names_each_schema_once_with_a_document_type_of_its_own()
    {
        SchemaRegistry.All.Select(schema => schema.Name).Should().OnlyHaveUniqueItems().And.OnlyContain(name => !name.Any(char.IsUpper));
        SchemaRegistry.All.Select(schema => schema.DocumentType).Should().OnlyHaveUniqueItems();
        SchemaRegistry.All.Should().OnlyContain(schema => typeof(ITenancyDocument).IsAssignableFrom(schema.DocumentType));
        typeof(ITenancyDocument).Assembly.GetExportedTypes()
            .Where(type => typeof(ITenancyDocument).IsAssignableFrom(type) && type.IsClass)
            .Should().BeEquivalentTo(SchemaRegistry.All.Select(schema => schema.DocumentType), "every root document type is a registered schema");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_schema_has_its_validator_an_export_and_bundled_samples(string name)
    {
        var schema = SchemaRegistry.Find(name)!;

        _host.Services.GetService(typeof(IValidator<>).MakeGenericType(schema.DocumentType)).Should().NotBeNull($"{name} is registered in dependency injection");
        _host.Services.GetRequiredService<TenancyJsonSchemaExporter>().GetSchema(schema.DocumentType, null)["$id"]!.GetValue<string>()
            .Should().Be($"urn:tenancy-schemas:{name}");
        TenancyJsonSchemaExporter.SchemaTypes.Should().Contain(schema.DocumentType);
        BundledDocuments.All.Should().Contain(d => d.Schema == name && d.File.EndsWith(".valid.json", StringComparison.Ordinal), $"{name} has a valid bundled sample");
        SchemaRegistry.Find(schema.DocumentType).Should().BeSameAs(schema);
    }

    [Fact]
    public void Every_bundled_sample_belongs_to_a_registered_schema()
    {
        BundledDocuments.All.Select(d => d.Schema).Distinct().Should().BeSubsetOf(SchemaRegistry.All.Select(schema => schema.Name));
    }

    [Fact]
    public void The_fluentvalidation_dependency_is_bounded_to_the_major_version_the_tests_run_on()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        var range = XDocument.Load(Path.Combine(directory!.FullName, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == "FluentValidation").Attribute("Version")!.Value;
        // The assembly version is the major version's (12.0.0.0); the package version is the informational one.
        var informational = typeof(AbstractValidator<>).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        var loaded = Version.Parse(informational.Split('+', '-')[0]);

        range.Should().MatchRegex(@"^\[\d+\.\d+\.\d+,\d+\.0\.0\)$", "a lower bound and an exclusive upper bound");
        var bounds = range.Trim('[', ')').Split(',').Select(Version.Parse).ToArray();
        loaded.Major.Should().Be(bounds[0].Major, "the tests run on the major version the package allows");
        bounds[1].Major.Should().Be(bounds[0].Major + 1, "the next major version is excluded until the tests cover it");
        loaded.Should().BeGreaterThanOrEqualTo(bounds[0], "the tests run on a version inside the range");
    }

    public void Dispose() => _host.Dispose();
}
