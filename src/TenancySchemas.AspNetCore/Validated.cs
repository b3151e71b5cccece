using System.Reflection;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using TenancySchemas.Schemas;

namespace TenancySchemas.AspNetCore;

/// <summary>
/// A request body that <see cref="TenancyEndpointExtensions.ValidateTenancy{T}"/> read and validated: declare it as a
/// handler parameter (<c>(Validated&lt;AlertSchema&gt; alert) =&gt; …</c>) and the handler runs only for a valid document.
/// </summary>
/// <typeparam name="T">The schema's document type.</typeparam>
/// <remarks>
/// The parameter does not read the body itself (the endpoint filter does, once, within the size limit): without the
/// filter, <see cref="Value"/> throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class Validated<T>
    where T : class, ITenancyDocument
{
    private static readonly Validated<T> Pending = new(null, []);
    private readonly T? _value;

    internal Validated(T? value, IReadOnlyList<ValidationFailure> warnings)
    {
        _value = value;
        Warnings = warnings;
    }

    /// <summary>Gets the valid document.</summary>
    /// <exception cref="InvalidOperationException">The endpoint has no <c>.ValidateTenancy&lt;T&gt;()</c> filter.</exception>
    public T Value => _value ?? throw new InvalidOperationException(
        $"No validated {typeof(T).Name} for this request: add .ValidateTenancy<{typeof(T).Name}>() to the endpoint, or call HttpContext.ValidateTenancyAsync<{typeof(T).Name}>().");

    /// <summary>Gets the failures of a valid document: warnings and information (JSON paths, codes, localized messages).</summary>
    public IReadOnlyList<ValidationFailure> Warnings { get; }

    /// <summary>Binds the parameter for minimal APIs: a placeholder that the endpoint filter replaces with the document.</summary>
    /// <param name="context">The request.</param>
    /// <param name="parameter">The handler's parameter.</param>
    /// <returns>The placeholder.</returns>
#pragma warning disable CA1000 // Minimal APIs bind a parameter through a static BindAsync on its own type.
    public static ValueTask<Validated<T>?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<Validated<T>?>(Pending);
#pragma warning restore CA1000

    internal bool IsPending => ReferenceEquals(this, Pending);
}
