using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TenancySchemas.Localization;

namespace TenancySchemas.AspNetCore.Problems;

/// <summary>
/// The package's RFC 9457 problem details. A document's failures are listed under <c>errors</c>, keyed by JSON path,
/// each with its code, localized message and severity; a refusal of the request (tenant, rate limit) carries its
/// <c>code</c> and its localized message as <c>detail</c>. Titles are localized too.
/// </summary>
/// <remarks>
/// Bounded: at most <c>Json:MaxErrors</c> failures (default 100) plus the one that counts the rest (the pipeline's own
/// bound, kept here too for validators of the app's), a path cut to <see cref="MaxPathLength"/> characters and a
/// message to <see cref="MaxMessageLength"/>, so that a document's problem stays under about 100 KiB with the default
/// limit whatever the document holds.
/// </remarks>
internal static class TenancyProblems
{
    /// <summary>The longest JSON path written, in characters.</summary>
    public const int MaxPathLength = 256;

    /// <summary>The longest message written, in characters.</summary>
    public const int MaxMessageLength = 512;

    public static ProblemHttpResult Document(int status, string title, IReadOnlyList<ValidationFailure> failures, int maxErrors)
    {
        var errors = new Dictionary<string, List<ProblemError>>(StringComparer.Ordinal);
        foreach (var failure in failures.Take(maxErrors + 1))
        {
            var path = Bounded(string.IsNullOrEmpty(failure.PropertyName) ? "$" : failure.PropertyName, MaxPathLength);
            if (!errors.TryGetValue(path, out var list))
            {
                errors[path] = list = [];
            }

            list.Add(new ProblemError(failure.ErrorCode ?? string.Empty, Bounded(failure.ErrorMessage ?? string.Empty, MaxMessageLength), SeverityName(failure.Severity)));
        }

        var problem = new ProblemDetails { Status = status, Title = title };
        problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Refusal(int status, string title, string code, params KeyValuePair<string, object?>[] arguments)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = Bounded(TenancyMessages.Format(code, arguments), MaxMessageLength) };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    private static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    // Cut on a character boundary (never between the halves of a surrogate pair), marked with an ellipsis.
    private static string Bounded(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>One failure in a problem's <c>errors</c>.</summary>
    internal sealed record ProblemError(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("severity")] string Severity);
}
