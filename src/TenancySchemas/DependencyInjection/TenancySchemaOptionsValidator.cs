using Microsoft.Extensions.Options;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.Tiers;
using static TenancySchemas.DependencyInjection.TenancySettingNames;

namespace TenancySchemas.DependencyInjection;

/// <summary>
/// Checks the options at first use and at host start, naming each bad setting and what it accepts: the settings that
/// could not be read, each tier's limits (their validation attributes, through the generated validator), and the
/// checks that span members.
/// </summary>
internal sealed class TenancySchemaOptionsValidator : IValidateOptions<TenancySchemaOptions>
{
    private static readonly TierLimitsValidator LimitsValidator = new();

    public ValidateOptionsResult Validate(string? name, TenancySchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.SettingErrors);

        if (!string.Equals(options.SchemaVersion, TenancySchemaOptions.CurrentSchemaVersion, StringComparison.Ordinal))
        {
            errors.Add($"SchemaVersion ({SchemaVersionVariable}) '{options.SchemaVersion}' is not supported; accepted: {TenancySchemaOptions.CurrentSchemaVersion}");
        }

        if (!MessageCulture.IsSupported(options.DefaultLocale))
        {
            errors.Add($"DefaultLocale ({DefaultLocaleVariable}) '{options.DefaultLocale}' is not supported; accepted: {string.Join(", ", MessageCulture.Supported)}");
        }

        if (!Enum.IsDefined(options.IsolationLevel))
        {
            errors.Add($"IsolationLevel ({IsolationLevelVariable}) '{options.IsolationLevel}' is not defined; accepted: {string.Join(", ", WireEnum<IsolationLevel>.Names)}");
        }

        if (options.DefaultTier is { } tier && !Enum.IsDefined(tier))
        {
            errors.Add($"DefaultTier '{tier}' is not defined; accepted: {string.Join(", ", WireEnum<TenantType>.Names)}");
        }

        foreach (var (tenant, tenantTier) in options.TenantTiers.Where(t => !Enum.IsDefined(t.Value)).Take(10))
        {
            errors.Add($"TenantTiers:{tenant} '{tenantTier}' is not defined; accepted: {string.Join(", ", WireEnum<TenantType>.Names)}");
        }

        ValidateJson(options.Json, errors);
        ValidateTiers(options.Tiers, errors);

        // The failures are joined with "; " into the exception's message.
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => e.TrimEnd('.')));
    }

    private static void ValidateJson(TenancyJsonOptions? json, List<string> errors)
    {
        if (json is null)
        {
            errors.Add("Json must not be null");
            return;
        }

        if (json.MaxDocumentBytes < 1)
        {
            errors.Add($"Json:MaxDocumentBytes {json.MaxDocumentBytes} must be at least 1");
        }

        if (json.MaxDepth is < 1 or > 1000)
        {
            errors.Add($"Json:MaxDepth {json.MaxDepth} must be between 1 and 1000");
        }

        if (json.MaxErrors < 1)
        {
            errors.Add($"Json:MaxErrors {json.MaxErrors} must be at least 1");
        }
    }

    private static void ValidateTiers(TierProfile? tiers, List<string> errors)
    {
        if (tiers is null)
        {
            errors.Add("Tiers must not be null");
            return;
        }

        foreach (var tier in TierProfile.AllTiers)
        {
            var path = $"Tiers:{tier}";
            if (tiers[tier] is not { } limits)
            {
                errors.Add($"{path} must not be null");
                continue;
            }

            if (LimitsValidator.Validate(path, limits) is { Failed: true, Failures: { } failures })
            {
                errors.AddRange(failures);
            }

            // The burst is the bucket the sustained rate refills: smaller, a tenant could never use a whole second's rate.
            if (limits.ValidationBurst < limits.ValidationRequestsPerSecond)
            {
                errors.Add($"{path}:ValidationBurst {limits.ValidationBurst} must be at least ValidationRequestsPerSecond ({limits.ValidationRequestsPerSecond})");
            }
        }
    }
}
