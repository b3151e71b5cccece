using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using FluentValidation.Results;

namespace TenancySchemas.Json;

/// <summary>The outcome of reading (and optionally validating) one JSON document.</summary>
/// <typeparam name="T">The schema type that was read.</typeparam>
public sealed class TenancyReadResult<T>
    where T : class
{
    internal TenancyReadResult(T? value, IReadOnlyList<ValidationFailure> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>Gets how long reading took, for a document that could not be read (audited with that duration).</summary>
    internal TimeSpan ReadDuration { get; init; }

    /// <summary>Gets the record that was read, or <see langword="null"/> when the document could not be read.</summary>
    public T? Value { get; }

    /// <summary>
    /// Gets every failure: read errors (with a JSON path such as <c>$.sla.uptime_percentage</c>), or, after
    /// validation, the validator's errors and warnings with their paths translated to JSON paths.
    /// </summary>
    public IReadOnlyList<ValidationFailure> Errors { get; }

    /// <summary>Gets a value indicating whether a record was read and no failure has <see cref="Severity.Error"/> severity.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null && !Errors.Any(e => e.Severity == Severity.Error);
}
