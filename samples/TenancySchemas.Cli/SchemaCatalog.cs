using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Json;
using TenancySchemas.Tenants;

namespace TenancySchemas.Cli;

/// <summary>The schemas the CLI knows, by the name used on the command line and in file names.</summary>
internal sealed class SchemaCatalog(IServiceProvider services)
{
    private readonly Dictionary<string, Func<byte[], DocumentOutcome>> _schemas = new(StringComparer.Ordinal)
    {
        ["tenant-config"] = bytes => Validate<TenantConfigSchema>(services, bytes),
        ["tenant-config-update"] = bytes => Validate<TenantConfigUpdateSchema>(services, bytes),
    };

    public IEnumerable<string> Names => _schemas.Keys;

    public bool TryGet(string name, out Func<byte[], DocumentOutcome> validate) => _schemas.TryGetValue(name, out validate!);

    /// <summary>Infers the schema from a file name such as <c>tenant-config.trial.valid.json</c>: the longest known prefix.</summary>
    public string? Infer(string path)
    {
        var file = Path.GetFileName(path);
        return _schemas.Keys.Where(name => file.StartsWith(name + ".", StringComparison.Ordinal)).OrderByDescending(n => n.Length).FirstOrDefault();
    }

    private static DocumentOutcome Validate<T>(IServiceProvider services, byte[] bytes)
        where T : class
    {
        var json = services.GetRequiredService<TenancyJson>();
        var result = json.ReadAndValidate(bytes, services.GetRequiredService<IValidator<T>>());
        return new DocumentOutcome(result.IsValid, result.Errors);
    }
}

internal sealed record DocumentOutcome(bool IsValid, IReadOnlyList<FluentValidation.Results.ValidationFailure> Failures);
