using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TenancySchemas.DependencyInjection;

/// <summary>
/// Binds a configuration section (such as <c>Tenancy</c>) with the framework's binder. A key that names no setting and
/// a value the binder cannot convert become setting errors, reported by the options validator at start, instead of an
/// exception from the middle of the container.
/// </summary>
internal sealed class ConfigurationSectionSetup(IConfiguration section) : IConfigureOptions<TenancySchemaOptions>
{
    public void Configure(TenancySchemaOptions options)
    {
        var unknown = ConfigurationKeys.FindUnknown(section, typeof(TenancySchemaOptions));
        if (unknown.Count > 0)
        {
            // Not bound at all: the binder would write through names the walk refuses (static defaults among them).
            options.SettingErrors.AddRange(unknown);
            return;
        }

        options.Tiers = options.Tiers?.Copy()!;
        ConfigurationKeys.EmptyConfiguredLists(section, options);
        try
        {
            section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException exception)
        {
            // The binder stops at its first problem. Its message names the key, the value and the type it wanted, except
            // for a dictionary entry, where that message is the inner exception of a generic one.
            var problem = exception;
            while (problem.InnerException is InvalidOperationException inner)
            {
                problem = inner;
            }

            options.SettingErrors.Add(problem.Message);
        }

        // Text values are case-insensitive, as the environment variables are.
        options.SchemaVersion = options.SchemaVersion?.Trim().ToLowerInvariant()!;
        options.DefaultLocale = options.DefaultLocale?.Trim().ToLowerInvariant()!;
    }
}
