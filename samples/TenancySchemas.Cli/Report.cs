using TenancySchemas.Validation;

namespace TenancySchemas.Cli;

internal static class ExitCodes
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Usage = 2;
}

/// <summary>Prints per document "valid" or each failure (path, code, message), then a summary line.</summary>
internal sealed class Report(TextWriter output, bool colour)
{
    private int _valid;
    private int _invalid;

    public int RunFiles(SchemaCatalog catalog, IReadOnlyList<string> files, string? schema, TenancyValidationContext? context)
    {
        var usageError = false;
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot read '{file}': {exception.Message}");
                usageError = true;
                continue;
            }

            var name = schema ?? catalog.Infer(file);
            if (name is null || !catalog.TryGet(name, out var validate))
            {
                Console.Error.WriteLine(name is null
                    ? $"error: cannot tell the schema of '{file}'; pass --schema ({string.Join(", ", catalog.Names)})."
                    : $"error: unknown schema '{name}'; known: {string.Join(", ", catalog.Names)}.");
                usageError = true;
                continue;
            }

            Print(file, validate(bytes, context));
        }

        Summary();
        return usageError ? ExitCodes.Usage : _invalid > 0 ? ExitCodes.Invalid : ExitCodes.Valid;
    }

    /// <summary>Validates the bundled samples; succeeds when every sample has the outcome its name announces.</summary>
    public int RunSamples(SchemaCatalog catalog, string folder)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"error: no sample documents in '{folder}'.");
            return ExitCodes.Usage;
        }

        var surprises = new List<string>();
        foreach (var file in files)
        {
            var name = catalog.Infer(file);
            if (name is null || !catalog.TryGet(name, out var validate))
            {
                surprises.Add($"{Path.GetFileName(file)}: no schema");
                continue;
            }

            var tier = SchemaCatalog.TierFromName(file);
            var outcome = validate(File.ReadAllBytes(file), tier is null ? null : new TenancyValidationContext { Tier = tier });
            Print(Path.GetFileName(file), outcome);
            var expectValid = !file.EndsWith(".invalid.json", StringComparison.Ordinal);
            if (outcome.IsValid != expectValid)
            {
                surprises.Add($"{Path.GetFileName(file)}: expected {(expectValid ? "valid" : "invalid")}");
            }
        }

        Summary();
        foreach (var surprise in surprises)
        {
            Console.Error.WriteLine($"unexpected outcome: {surprise}");
        }

        output.WriteLine(surprises.Count == 0 ? "every sample has the outcome its name announces" : $"{surprises.Count} sample(s) did not");
        return surprises.Count == 0 ? ExitCodes.Valid : ExitCodes.Invalid;
    }

    private void Print(string name, DocumentOutcome outcome)
    {
        if (outcome.IsValid)
        {
            _valid++;
        }
        else
        {
            _invalid++;
        }

        output.WriteLine(outcome.IsValid ? $"{Paint("✓", 32)} {name}: valid" : $"{Paint("✗", 31)} {name}: invalid");
        foreach (var failure in outcome.Failures)
        {
            var severity = failure.Severity == FluentValidation.Severity.Error ? Paint("error", 31) : Paint(failure.Severity.ToString().ToLowerInvariant(), 33);
            output.WriteLine($"    {severity} {failure.PropertyName} [{failure.ErrorCode}] {failure.ErrorMessage}");
        }
    }

    private void Summary() => output.WriteLine($"{_valid + _invalid} document(s): {_valid} valid, {_invalid} invalid");

    private string Paint(string text, int code) => colour ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
