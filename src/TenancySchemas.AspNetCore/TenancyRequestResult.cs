using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using TenancySchemas.Schemas;

namespace TenancySchemas.AspNetCore;

/// <summary>What <see cref="TenancyEndpointExtensions.ValidateTenancyAsync{T}"/> found: the valid document, or the problem to answer.</summary>
/// <typeparam name="T">The schema's document type.</typeparam>
public sealed class TenancyRequestResult<T>
    where T : class, ITenancyDocument
{
    internal TenancyRequestResult(Validated<T>? document, IResult? problem)
    {
        Document = document;
        Problem = problem;
    }

    /// <summary>Gets the valid document, or <see langword="null"/> when <see cref="Problem"/> is set.</summary>
    public Validated<T>? Document { get; }

    /// <summary>
    /// Gets the RFC 9457 problem to answer (<c>400</c> for a document that is not valid, <c>413</c> for one over the size
    /// limit, <c>401</c>/<c>403</c> without a tenant under strict isolation), or <see langword="null"/>.
    /// </summary>
    public IResult? Problem { get; }

    /// <summary>Gets a value indicating whether the document is valid.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Document is not null;
}
