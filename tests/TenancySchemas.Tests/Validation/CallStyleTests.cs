using System.Reflection;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Validation;

/// <summary>
/// A validator chooses the tier before FluentValidation's context exists when it is called with a document, and copies
/// a caller's context otherwise: every way of calling it must give the same failures and the same audit event.
/// </summary>
public sealed class CallStyleTests
{
    private static readonly string[] Styles =
    [
        "Validate(document)", "Validate(context)", "IValidator.Validate(context)", "ValidateAsync(document)", "ValidateAsync(context)",
    ];

    public static TheoryData<string> ReadableDocuments()
    {
        using var services = new ServiceCollection().AddTenancySchemas().BuildServiceProvider();
        return new(BundledDocuments.All
            .Where(d => BundledDocuments.ReadAndValidate(services, d.Schema, Encoding.UTF8.GetBytes(BundledDocuments.Text(d.File)), d.Tier).Value is not null)
            .Select(d => d.File));
    }

    [Theory]
    [MemberData(nameof(ReadableDocuments))]
    public async Task Every_way_of_calling_a_validator_gives_the_same_failures_and_audit_event(string file)
    {
        var (_, schema, tier) = BundledDocuments.All.Single(d => d.File == file);
        var run = typeof(CallStyleTests).GetMethod(nameof(RunAll), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(BundledDocuments.TypeByName[schema]);

        // As the document comes, and expected to belong to another tenant (failures found before the rules run).
        foreach (var expectedTenant in new[] { null, "another_tenant" })
        {
            var outcomes = await (Task<List<string>>)run.Invoke(null, [BundledDocuments.Text(file), tier, expectedTenant])!;

            outcomes.Should().HaveCount(Styles.Length);
            outcomes.Should().AllBe(outcomes[0], "{0} must not depend on how the validator is called", file);
            if (expectedTenant is not null && BundledDocuments.Text(file).Contains("\"tenant_id\"", StringComparison.Ordinal))
            {
                // An update or a template names no tenant; every other document names its own, which is not "another_tenant".
                outcomes[0].Should().Contain(TenancyErrorCodes.TenantMismatch);
            }
        }
    }

    private static async Task<List<string>> RunAll<T>(string text, TenantType? tier, string? expectedTenant)
        where T : class, TenancySchemas.Schemas.ITenancyDocument
    {
        var outcomes = new List<string>();
        foreach (var style in Styles)
        {
            // A host per style: each audit chain then starts alike, and events can be compared field by field.
            using var host = new ObservedHost();
            var document = host.Json.Read<T>(text).Value!;
            var validator = host.Validator<T>();
            var call = tier is null && expectedTenant is null ? null : new TenancyValidationContext { Tier = tier, ExpectedTenantId = expectedTenant };
            var result = style switch
            {
                "Validate(document)" => call is null ? validator.Validate(document) : validator.Validate(document, call),
                "Validate(context)" => validator.Validate(Context(document, call)),
                "IValidator.Validate(context)" => ((IValidator)validator).Validate(Context<object>(document, call)),
                "ValidateAsync(document)" => call is null ? await validator.ValidateAsync(document) : await validator.ValidateAsync(document, call),
                _ => await validator.ValidateAsync(Context(document, call)),
            };

            var audited = host.Sink.Events.Should().ContainSingle($"{style} writes one audit event").Subject;
            var fields = string.Join('|', new[] { "Schema", "Tier", "Outcome", "ErrorCodes", "ErrorPaths", "RuleSets" }.Select(name => audited.Properties[name].ToString()));
            outcomes.Add($"valid={result.IsValid}; {Describe(result.Errors)}; audit: {fields}");
        }

        return outcomes;
    }

    private static ValidationContext<T> Context<T>(T document, TenancyValidationContext? call)
    {
        var context = new ValidationContext<T>(document);
        if (call is not null)
        {
            context.RootContextData[TenancyValidationContext.Key] = call;
        }

        return context;
    }

    private static string Describe(IEnumerable<ValidationFailure> failures) =>
        string.Join(" / ", failures.Select(f => $"{f.PropertyName} {f.ErrorCode} {f.Severity} {f.ErrorMessage} attempted={f.AttemptedValue is not null}"));
}
