using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TenancySchemas.AspNetCore.Validation;
using TenancySchemas.Schemas;

namespace TenancySchemas.AspNetCore;

/// <summary>Validates request bodies as TenancySchemas documents, for minimal APIs and MVC.</summary>
public static class TenancyEndpointExtensions
{
    /// <summary>
    /// Reads the endpoint's request body as a <typeparamref name="T"/> document and validates it for the caller before
    /// the handler runs; the handler receives it as a <see cref="Validated{T}"/> parameter. A document that is not valid
    /// is answered <c>400</c> with RFC 9457 problem details (<c>application/problem+json</c>): <c>errors</c> keyed by
    /// JSON path, each with <c>code</c>, localized <c>message</c> and <c>severity</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The body is read as it arrives with the library's wire format, holding at most
    /// <c>TenancySchemaOptions.Json.MaxDocumentBytes</c> (1 MiB by default): a longer body is answered <c>413</c> without
    /// being read to its end. A problem lists at most <c>Json:MaxErrors</c> failures (100 by default) plus one counting
    /// the rest, with paths cut to 256 characters and messages to 512, so it stays under about 100 KiB.
    /// </para>
    /// <para>
    /// The caller is the tenant <c>UseTenancySchemas()</c> resolved: the pipeline checks the document's tenant against
    /// it and applies its tier. Under strict isolation a request without a caller is answered <c>401</c> (not
    /// authenticated) or <c>403</c> (authenticated without a tenant) before its body is read.
    /// </para>
    /// </remarks>
    /// <typeparam name="T">The schema's document type, such as <c>AlertSchema</c>.</typeparam>
    /// <param name="builder">The endpoint.</param>
    /// <returns>The endpoint, for chaining.</returns>
    public static RouteHandlerBuilder ValidateTenancy<T>(this RouteHandlerBuilder builder)
        where T : class, ITenancyDocument
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new TenancySchemaMetadata(SchemaRegistry.Of<T>()));
        builder.Accepts<T>("application/json");
        builder.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        builder.AddEndpointFilter(static async (invocation, next) =>
        {
            var result = await RequestValidation.ValidateAsync<T>(invocation.HttpContext).ConfigureAwait(false);
            if (!result.IsValid)
            {
                return result.Problem;
            }

            var arguments = invocation.Arguments;
            for (var i = 0; i < arguments.Count; i++)
            {
                if (arguments[i] is Validated<T> { IsPending: true })
                {
                    arguments[i] = result.Document;
                }
            }

            return await next(invocation).ConfigureAwait(false);
        });
        return builder;
    }

    /// <summary>
    /// Reads the request body as a <typeparamref name="T"/> document and validates it for the caller, as
    /// <see cref="ValidateTenancy{T}"/> does: for MVC actions and hand-written endpoints. Answer
    /// <see cref="TenancyRequestResult{T}.Problem"/> when the document is not valid:
    /// <c>var alert = await HttpContext.ValidateTenancyAsync&lt;AlertSchema&gt;(); if (!alert.IsValid) return alert.Problem;</c>
    /// </summary>
    /// <typeparam name="T">The schema's document type.</typeparam>
    /// <param name="context">The request.</param>
    /// <returns>The document, or the problem to answer.</returns>
    public static Task<TenancyRequestResult<T>> ValidateTenancyAsync<T>(this HttpContext context)
        where T : class, ITenancyDocument
    {
        ArgumentNullException.ThrowIfNull(context);
        return RequestValidation.ValidateAsync<T>(context);
    }
}

/// <summary>Names the schema an endpoint validates (for the rate-limit policy's audit record).</summary>
/// <param name="Schema">The schema.</param>
internal sealed record TenancySchemaMetadata(SchemaDescriptor Schema);
