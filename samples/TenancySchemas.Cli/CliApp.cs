using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;
using TenancySchemas.Auditing;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Cli;

/// <summary>The standard streams the CLI uses, replaceable in tests.</summary>
/// <param name="Input">Standard input (documents for <c>-</c> and <c>--ndjson</c>).</param>
/// <param name="Output">Standard output (results, schemas).</param>
/// <param name="Error">Standard error (usage errors, summaries in JSON mode, progress).</param>
/// <param name="OutputIsTerminal">Whether standard output is a terminal (colours).</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal (the --ndjson progress line).</param>
public sealed record CliStreams(Stream Input, Stream Output, TextWriter Error, bool OutputIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>The process's streams.</summary>
    /// <returns>The console's standard input, output and error.</returns>
    public static CliStreams FromConsole() => new(
        Console.OpenStandardInput(),
        Console.OpenStandardOutput(),
        Console.Error,
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
        !Console.IsErrorRedirected);
}

/// <summary>The <c>tenancy-schemas</c> command line: validate documents, export JSON Schemas, verify audit logs.</summary>
public static class CliApp
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="streams">The streams to use.</param>
    /// <returns>
    /// 0 when every document is valid, 1 when one is invalid (or an audit log is broken), 2 on usage, input or settings
    /// errors, 3 when the audit log cannot be opened or written.
    /// </returns>
    public static int Run(string[] args, CliStreams streams)
    {
        var localeOption = new Option<string?>("--locale") { Description = "Language of the messages: en, fr, de or es. Default: DEFAULT_LOCALE, else en.", Recursive = true };
        var auditLogOption = new Option<string?>("--audit-log") { Description = "Append the run's audit records to this file, in Serilog compact JSON, as its only writer (fail-closed: exit code 3 when it cannot be written).", Recursive = true };
        var auditKeyOption = new Option<string?>("--audit-key-file") { Description = "Authenticate the audit chain (HMAC-SHA256) with the key in this file: base64, at least 32 bytes (openssl rand -base64 32).", Recursive = true };
        var auditCheckpointOption = new Option<string?>("--audit-checkpoint-file") { Description = "Also append the audit checkpoints to this file, kept apart from the log, for 'audit verify --checkpoint'.", Recursive = true };
        var metricsOption = new Option<bool>("--metrics") { Description = "Print the run's Prometheus metrics to standard error at the end.", Recursive = true };

        var files = new Argument<string[]>("files") { Description = "Documents to validate; '-' reads one document (or, with --ndjson, lines) from standard input.", Arity = ArgumentArity.ZeroOrMore };
        var schemaOption = new Option<string?>("--schema") { Description = "The schema of the documents. When omitted: the document's \"$schema\" member, else the file name (alert.trial.json)." };
        var tierOption = new Option<string?>("--tier") { Description = "The tier whose rules apply: trial, standard, professional or enterprise (tenant configs use their own tenant_type)." };
        var tenantOption = new Option<string?>("--tenant") { Description = "The current tenant: documents of other tenants fail isolation." };
        var isolationOption = new Option<string?>("--isolation") { Description = "Isolation level: strict, moderate or basic. Default: TENANT_ISOLATION_LEVEL, else moderate." };
        var formatOption = new Option<string>("--format") { Description = "Output: text, or json (one object per document and line).", DefaultValueFactory = _ => "text" };
        formatOption.AcceptOnlyFromAmong("text", "json");
        var ndjsonOption = new Option<bool>("--ndjson") { Description = "Each input line is a document; one result per line, streamed in constant memory." };

        var validate = new Command("validate", "Validates documents and prints each result.")
        {
            files, schemaOption, tierOption, tenantOption, isolationOption, formatOption, ndjsonOption,
        };
        AuditSettings Audit(ParseResult parse) => new(parse.GetValue(auditLogOption), parse.GetValue(auditKeyOption), parse.GetValue(auditCheckpointOption));
        validate.SetAction(parse => new Session(streams, parse.GetValue(localeOption), Audit(parse), parse.GetValue(metricsOption), parse.GetValue(isolationOption))
            .Run(session => session.Validate(new ValidateRequest(
                parse.GetValue(files) ?? [],
                parse.GetValue(schemaOption),
                parse.GetValue(tierOption),
                parse.GetValue(tenantOption),
                parse.GetValue(formatOption) == "json" ? OutputFormat.Json : OutputFormat.Text,
                parse.GetValue(ndjsonOption)))));

        var nameOption = new Option<string>("--name") { Description = "The schema: tenant-config, alert, notification, … (see 'validate --help').", Required = true };
        var schemaTierOption = new Option<string?>("--tier") { Description = "Include this tier's limits (most recipients, allowed channels, …)." };
        var schema = new Command("schema", "Prints the JSON Schema (draft 2020-12) of a schema.") { nameOption, schemaTierOption };
        schema.SetAction(parse => new Session(streams, null, new AuditSettings(null, null, null), false, null)
            .Run(session => session.PrintSchema(parse.GetValue(nameOption)!, parse.GetValue(schemaTierOption))));

        var verifyFile = new Argument<string>("file") { Description = "A compact JSON (CLEF) audit log; lines that are not audit records are skipped and counted." };
        var keyFileOption = new Option<string[]>("--key-file") { Description = "The key the chains were written with (base64 file); repeat it for rotated keys. Without it, keyed chains cannot be verified.", Arity = ArgumentArity.OneOrMore };
        var checkpointOption = new Option<string?>("--checkpoint") { Description = "Checkpoints kept apart from the log (--audit-checkpoint-file, or a log holding them): detects a cut end, dropped and made-up chains." };
        var allowOpenOption = new Option<bool>("--allow-open") { Description = "Accept chains without their final checkpoint, as a running writer's are (their cut end then goes unnoticed)." };
        var verify = new Command("verify", "Checks the audit chains of a log: exit code 0 when intact, 1 when broken, 2 when a file cannot be read.") { verifyFile, keyFileOption, checkpointOption, allowOpenOption };
        verify.SetAction(parse => Verify(parse.GetValue(verifyFile)!, parse.GetValue(keyFileOption) ?? [], parse.GetValue(checkpointOption), parse.GetValue(allowOpenOption), streams));

        var root = new RootCommand("Validates TenancySchemas JSON documents. Without a command: validates the bundled sample documents and checks each has the outcome its name announces.")
        {
            localeOption, auditLogOption, auditKeyOption, auditCheckpointOption, metricsOption, validate, schema, new Command("audit", "Audit log tools.") { verify },
        };
        root.SetAction(parse => new Session(streams, parse.GetValue(localeOption), Audit(parse), parse.GetValue(metricsOption), null)
            .Run(session => session.RunSamples(Path.Combine(AppContext.BaseDirectory, "samples"))));

        using var output = new StreamWriter(streams.Output, leaveOpen: true) { AutoFlush = true };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = streams.Error });
    }

    private static int Verify(string file, string[] keyFiles, string? checkpointFile, bool allowOpen, CliStreams streams)
    {
        AuditVerificationResult result;
        try
        {
            var keys = keyFiles.Select(path => AuditKeyFile.Read(path, "--key-file")).ToArray();
            List<AuditCheckpoint>? checkpoints = null;
            if (checkpointFile is not null)
            {
                using var stored = Open(checkpointFile);
                checkpoints = [.. AuditChainVerifier.ReadCheckpoints(stored)];
            }

            using var log = Open(file);
            result = AuditChainVerifier.VerifyClef(log, new AuditVerificationOptions { Keys = keys, Checkpoints = checkpoints, AllowOpenChains = allowOpen });
        }
        catch (UsageException exception)
        {
            streams.Error.WriteLine($"error: {exception.Message}");
            return ExitCodes.Usage;
        }

        using var output = new StreamWriter(streams.Output, leaveOpen: true);
        var counts = string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Records} record(s) and {result.Checkpoints} checkpoint(s) in {result.Chains} chain(s), {result.SkippedLines} other line(s) skipped");
        if (result.IsIntact)
        {
            output.WriteLine(result.IsAuthenticated
                ? $"intact and authenticated: {counts}"
                : $"intact but NOT authenticated: {counts}; the chains are plain SHA-256 (written without a key), which anyone who can edit the log can recompute");
            return ExitCodes.Valid;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"broken: {result.BreakCount} problem(s); {counts}"));
        foreach (var problem in result.Breaks)
        {
            var where = problem.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line}: ") : string.Empty;
            output.WriteLine($"  {Words(problem.Kind)}: {where}{problem.Description}");
        }

        if (result.BreakCount > result.Breaks.Count)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {result.BreakCount - result.Breaks.Count} more"));
        }

        return ExitCodes.Invalid;

        // WrongKey -> "wrong key".
        static string Words(AuditBreakKind kind) => System.Text.RegularExpressions.Regex.Replace(kind.ToString(), "(?<!^)([A-Z])", " $1").ToLowerInvariant();

        static FileStream Open(string path)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read '{path}': {exception.Message}");
            }
        }
    }
}
