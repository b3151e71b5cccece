using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TenancySchemas.Auditing;

/// <summary>Registers the audit writer, its default Serilog sink and the audit options' checks.</summary>
internal static class AuditingServiceCollectionExtensions
{
    public static IServiceCollection AddTenancyAuditing(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditSink, SerilogAuditSink>();
        services.TryAddSingleton<ValidationAuditor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenancySchemaOptions>, AuditOptionsValidator>());
        return services;
    }
}

/// <summary>Checks the audit settings at start, naming each bad one.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<TenancySchemaOptions>
{
    public ValidateOptionsResult Validate(string? name, TenancySchemaOptions options)
    {
        var audit = options.Audit;
        if (audit is null)
        {
            return ValidateOptionsResult.Fail("Audit must not be null.");
        }

        List<string>? errors = null;
        if (audit.CheckpointInterval < 0)
        {
            (errors ??= []).Add($"Audit:CheckpointInterval '{audit.CheckpointInterval}' must be 0 (off) or a positive number of records.");
        }

        if (audit.CheckpointPeriod < TimeSpan.Zero)
        {
            (errors ??= []).Add($"Audit:CheckpointPeriod '{audit.CheckpointPeriod}' must be zero (off) or positive.");
        }

        return errors is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
