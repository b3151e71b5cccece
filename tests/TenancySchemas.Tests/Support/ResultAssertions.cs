using FluentValidation;
using FluentValidation.Results;

namespace TenancySchemas.Tests.Support;

internal static class ResultAssertions
{
    public static ValidationFailure ShouldHaveFailure(this ValidationResult result, string code, string? property = null)
    {
        var matches = result.Errors.Where(e => e.ErrorCode == code && (property is null || e.PropertyName == property)).ToList();
        matches.Should().NotBeEmpty(
            "expected {0} at {1}, got: {2}", code, property ?? "any path", string.Join("; ", result.Errors.Select(e => $"{e.PropertyName} {e.ErrorCode} {e.ErrorMessage}")));
        return matches[0];
    }

    public static void ShouldNotHaveFailure(this ValidationResult result, string code, string? property = null) =>
        result.Errors.Where(e => e.ErrorCode == code && (property is null || e.PropertyName == property))
            .Should().BeEmpty("no {0} at {1} was expected", code, property ?? "any path");

    public static void ShouldBeCleanlyValid(this ValidationResult result) =>
        result.Errors.Should().BeEmpty("the document is valid, but got: {0}",
            string.Join("; ", result.Errors.Select(e => $"{e.PropertyName} {e.ErrorCode} {e.ErrorMessage}")));

    public static IEnumerable<ValidationFailure> WithSeverity(this ValidationResult result, Severity severity) =>
        result.Errors.Where(e => e.Severity == severity);
}
