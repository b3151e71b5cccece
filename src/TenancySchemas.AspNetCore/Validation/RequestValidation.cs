using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TenancySchemas.AspNetCore.Localization;
using TenancySchemas.AspNetCore.Problems;
using TenancySchemas.AspNetCore.Tenants;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Validation;

namespace TenancySchemas.AspNetCore.Validation;

/// <summary>
/// Reads a request body with the library's wire format and size limit, streamed, and runs the validation pipeline for
/// the caller that tenant resolution set: the one path of the endpoint filter and of MVC actions.
/// </summary>
internal static class RequestValidation
{
    public static async Task<TenancyRequestResult<T>> ValidateAsync<T>(HttpContext context)
        where T : class, ITenancyDocument
    {
        var caller = TenancyCallerFeature.Of(context).Caller;
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<TenancySchemaOptions>>().Value;
        if (caller is null && options.IsolationLevel == IsolationLevel.Strict)
        {
            // Fail closed before reading: 401 asks for credentials, 403 says the credentials name no tenant.
            var authenticated = context.User.Identity?.IsAuthenticated == true;
            return new(null, TenancyProblems.Refusal(
                authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized, ProblemText.TenantRequired, TenancyErrorCodes.NoTenantContext));
        }

        var json = services.GetRequiredService<TenancyJson>();
        var validator = services.GetRequiredService<IValidator<T>>();
        var read = await json.ReadAndValidateAsync(context.Request.Body, validator, context: null, context.RequestAborted).ConfigureAwait(false);
        if (read.IsValid)
        {
            return new(new Validated<T>(read.Value, read.Errors), null);
        }

        var tooLarge = read.Value is null && read.Errors.Any(e => e.ErrorCode == TenancyErrorCodes.JsonDocumentTooLarge);
        return new(null, tooLarge
            ? TenancyProblems.Document(StatusCodes.Status413PayloadTooLarge, ProblemText.DocumentTooLarge, read.Errors, options.Json.MaxErrors)
            : TenancyProblems.Document(StatusCodes.Status400BadRequest, ProblemText.InvalidDocument, read.Errors, options.Json.MaxErrors));
    }
}
