using System.Text;
using TenancySchemas.Alerts;
using TenancySchemas.Auditing;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;
using Serilog.Events;

namespace TenancySchemas.Tests.Json;

/// <summary><c>Read</c> then <c>Validate</c> (for batches read first, validated afterwards) gives what <c>ReadAndValidate</c> gives.</summary>
public sealed class ReadThenValidateTests
{
    public static TheoryData<string> Documents() => new(BundledDocuments.All.Select(d => d.File));

    public static TheoryData<string> Damage() => new(
        "{ not json",
        "[]",
        """{"alert_id": 5}""",
        """{"name": "High CPU", "unknown_member": true}""",
        "{\"name\": \"\u0001\", \"severity\": \"catastrophic\"}");

    [Theory]
    [MemberData(nameof(Documents))]
    public void Two_steps_give_the_same_failures_and_audit_event_as_one_call(string file)
    {
        var (_, schema, tier) = BundledDocuments.All.Single(d => d.File == file);
        var utf8 = Encoding.UTF8.GetBytes(BundledDocuments.Text(file));
        using var oneCall = new ObservedHost();
        using var twoSteps = new ObservedHost();

        var expected = BundledDocuments.ReadAndValidate(oneCall.Services, schema, utf8, tier);
        var actual = BundledDocuments.ReadAndValidate(twoSteps.Services, schema, utf8, tier, inTwoSteps: true);

        // Not the records themselves: members a document omits get generated ids, so two reads differ there.
        actual.Value?.GetType().Should().Be(expected.Value?.GetType());
        (actual.Value is null).Should().Be(expected.Value is null);
        Describe(actual.Errors).Should().Equal(Describe(expected.Errors));
        Audited(twoSteps).Should().Equal(Audited(oneCall));
    }

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_document_that_cannot_be_read_is_returned_as_read_and_audited_once_as_invalid(string text)
    {
        using var host = new ObservedHost();
        var read = host.Json.Read<AlertSchema>(Encoding.UTF8.GetBytes(text));

        var result = host.Json.Validate(read, host.Validator<AlertSchema>(), new TenancyValidationContext { Tier = TenancySchemas.Tiers.TenantType.Trial });

        read.Value.Should().BeNull();
        result.Should().BeSameAs(read);
        result.IsValid.Should().BeFalse();
        var e = host.Sink.Events.Should().ContainSingle().Subject;
        ((ScalarValue)e.Properties["Outcome"]).Value.Should().Be("invalid");
        ((ScalarValue)e.Properties["Tier"]).Value.Should().Be("trial");
        ((SequenceValue)e.Properties["ErrorCodes"]).Elements.Select(v => ((ScalarValue)v).Value).Should().Equal(read.Errors.Select(f => f.ErrorCode));
        TenancySchemas.Tests.Auditing.AuditLog.Verify(host.Sink.ToClef()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public void Null_arguments_are_programmer_errors()
    {
        using var host = new ObservedHost();
        var read = host.Json.Read<AlertSchema>(host.Json.WriteToUtf8Bytes(Samples.Alert()));

        FluentActions.Invoking(() => host.Json.Validate<AlertSchema>(null!, host.Validator<AlertSchema>())).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => host.Json.Validate(read, null!)).Should().Throw<ArgumentNullException>();
    }

    private static IEnumerable<string> Describe(IReadOnlyList<FluentValidation.Results.ValidationFailure> failures) =>
        failures.Select(f => $"{f.PropertyName} {f.ErrorCode} {f.Severity} {f.ErrorMessage}");

    // The fields of the events that do not depend on the chain or the clock.
    private static IEnumerable<string> Audited(ObservedHost host) =>
        host.Sink.Events.Select(e => string.Join('|', new[] { "Schema", "Tier", "Outcome", "ErrorCodes", "ErrorPaths", "RuleSets" }.Select(name => e.Properties[name].ToString())));
}
