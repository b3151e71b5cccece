using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TenancySchemas.Auditing;

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
    /// 0 when every document is valid (warnings allowed), 1 when one is invalid (or an audit log is broken), 2 on
    /// usage, read or settings errors, 3 when the audit log cannot be opened or written; never anything else.
    /// </returns>
    public static int Run(string[] args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);

        // The CLI's own words (help, usage errors) are English whatever the machine's language; the documents' messages
        // follow --locale, set by the session.
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return Invoke(args, streams);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Standard output or error closed under the run, a disk gone: not the documents' fault, not a crash either.
            streams.Error.WriteLine($"error: {OneLine(exception.Message)}");
            return ExitCodes.Usage;
        }
        catch (Exception exception)
        {
            streams.Error.WriteLine($"error: unexpected {exception.GetType().Name}: {OneLine(exception.Message)}");
            return ExitCodes.Usage;
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private static int Invoke(string[] args, CliStreams streams)
    {
        var limit = TenancySchemas.Json.TenancyJsonOptions.DefaultMaxDocumentBytes.ToString("N0", CultureInfo.InvariantCulture);
        var localeOption = Choice(new Option<string?>("--locale") { Description = "Language of the documents' messages. Default: DEFAULT_LOCALE, else en." }, TenancySchemaOptions.SupportedLocales, "a supported locale");
        var auditLogOption = new Option<string?>("--audit-log") { HelpName = "file", Description = "Append the run's audit records to this file, in Serilog compact JSON, as its only writer (fail-closed: exit code 3 when it cannot be written)." };
        var auditKeyOption = new Option<string?>("--audit-key-file") { HelpName = "file", Description = "Authenticate the audit chain (HMAC-SHA256) with the key in this file: base64, at least 32 bytes (openssl rand -base64 32)." };
        var auditCheckpointOption = new Option<string?>("--audit-checkpoint-file") { HelpName = "file", Description = "Also append the audit checkpoints to this file, kept apart from the log, for 'audit verify --checkpoint'." };
        var metricsOption = new Option<bool>("--metrics") { Description = "Print the run's Prometheus metrics to standard error at the end." };

        var files = new Argument<string[]>("files") { Description = "Documents to validate; '-' (or none) reads one document, or with --ndjson its lines, from standard input. Put '--' before file names that start with '-'.", Arity = ArgumentArity.ZeroOrMore };
        var schemaOption = SchemaName(new Option<string?>("--schema") { Description = $"The schema of every document: {SchemaCatalog.NameList}. When omitted: each document's \"$schema\" member, else the file name (alert.trial.json)." });
        var tierOption = Choice(new Option<string?>("--tier") { Description = "The tier whose rules apply (tenant configs use their own tenant_type). When omitted: the tier a \"$schema\" member names (urn:tenancy-schemas:alert:trial), else the file name's." }, SchemaCatalog.Tiers.Select(t => t.Key), "a tier");
        var tenantOption = new Option<string?>("--tenant") { HelpName = "id", Description = "The current tenant: documents of other tenants fail isolation." };
        var isolationOption = Choice(new Option<string?>("--isolation") { Description = "Isolation level. Default: TENANT_ISOLATION_LEVEL, else moderate." }, SchemaCatalog.IsolationLevels.Select(l => l.Key), "an isolation level");
        var formatOption = Choice(new Option<string?>("--format") { Description = "Output: text (then a summary line), or json (one object per document and line; the summary on standard error). Default: text." }, ["text", "json"], "a format");
        var ndjsonOption = new Option<bool>("--ndjson") { Description = $"Each input line is a document: one result per line, in input order, in bounded memory. A line over the size limit ({limit} bytes) is refused as tenancy.json.document_too_large and the next line is read." };

        var validate = new Command("validate", $"Validates documents and prints each result. A document over the size limit ({limit} bytes) is refused as tenancy.json.document_too_large without being read further.")
        {
            files, schemaOption, tierOption, tenantOption, isolationOption, formatOption, ndjsonOption,
            localeOption, auditLogOption, auditKeyOption, auditCheckpointOption, metricsOption,
        };
        AuditSettings Audit(ParseResult parse) => new(parse.GetValue(auditLogOption), parse.GetValue(auditKeyOption), parse.GetValue(auditCheckpointOption));
        validate.SetAction(parse => new Session(streams, Lower(parse.GetValue(localeOption)), Audit(parse), parse.GetValue(metricsOption), parse.GetValue(isolationOption))
            .Run(session => session.Validate(new ValidateRequest(
                parse.GetValue(files) ?? [],
                parse.GetValue(schemaOption),
                parse.GetValue(tierOption),
                parse.GetValue(tenantOption),
                string.Equals(parse.GetValue(formatOption), "json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Text,
                parse.GetValue(ndjsonOption)))));

        var nameOption = SchemaName(new Option<string?>("--name") { Description = $"The schema (required): {SchemaCatalog.NameList}." });
        var schemaTierOption = Choice(new Option<string?>("--tier") { Description = "Include this tier's limits (most recipients, allowed channels, …)." }, SchemaCatalog.Tiers.Select(t => t.Key), "a tier");
        var schema = new Command("schema", "Prints the JSON Schema (draft 2020-12) of a schema.") { nameOption, schemaTierOption };
        schema.Validators.Add(result =>
        {
            if (result.GetResult(nameOption) is null)
            {
                result.AddError($"schema needs --name; one of: {SchemaCatalog.NameList}.");
            }
        });
        schema.SetAction(parse => new Session(streams, null, new AuditSettings(null, null, null), false, null)
            .Run(session => session.PrintSchema(parse.GetValue(nameOption)!, parse.GetValue(schemaTierOption))));

        var verifyFile = new Argument<string>("file") { Description = "A compact JSON (CLEF) audit log; lines that are not audit records are skipped and counted." };
        var keyFileOption = new Option<string[]>("--key-file") { HelpName = "file", Description = "The key the chains were written with (base64 file); repeat it for rotated keys. Without it, keyed chains cannot be verified.", Arity = ArgumentArity.OneOrMore };
        var checkpointOption = new Option<string?>("--checkpoint") { HelpName = "file", Description = "Checkpoints kept apart from the log (--audit-checkpoint-file, or a log holding them): detects a cut end, dropped and made-up chains." };
        var allowOpenOption = new Option<bool>("--allow-open") { Description = "Accept chains without their final checkpoint, as a running writer's are (their cut end then goes unnoticed)." };
        var verify = new Command("verify", "Checks the audit chains of a log: exit code 0 when intact, 1 when broken, 2 when a file cannot be read.") { verifyFile, keyFileOption, checkpointOption, allowOpenOption };
        verify.SetAction(parse => Verify(parse.GetValue(verifyFile)!, parse.GetValue(keyFileOption) ?? [], parse.GetValue(checkpointOption), parse.GetValue(allowOpenOption), streams));
        var audit = new Command("audit", "Audit log tools.") { verify };
        audit.SetAction(_ =>
        {
            streams.Error.WriteLine($"error: audit needs a command: {string.Join(", ", audit.Subcommands.Select(c => c.Name))}.");
            return ExitCodes.Usage;
        });

        var root = new RootCommand(
            "Validates TenancySchemas JSON documents. Without a command: validates the bundled sample documents and checks each has the outcome its name announces. " +
            "Exit codes: 0 every document valid (warnings allowed), 1 a document invalid, 2 a usage, read or settings error, 3 the audit log could not be written.")
        {
            localeOption, auditLogOption, auditKeyOption, auditCheckpointOption, metricsOption, validate, schema, audit,
        };
        root.SetAction(parse => new Session(streams, Lower(parse.GetValue(localeOption)), Audit(parse), parse.GetValue(metricsOption), null)
            .Run(session => session.RunSamples(Path.Combine(AppContext.BaseDirectory, "samples"))));

        // No @file expansion: a document's name may start with @.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var errors = UsageErrors(parse, files);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                streams.Error.WriteLine($"error: {error}");
            }

            return ExitCodes.Usage;
        }

        using var output = new StreamWriter(streams.Output, leaveOpen: true) { AutoFlush = true };
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = streams.Error, EnableDefaultExceptionHandler = false });

        static string? Lower(string? text) => text?.ToLowerInvariant();
    }

    /// <summary>
    /// Every usage error of a parse, one line each, in the CLI's words: unknown options (with the nearest known one),
    /// unexpected arguments, values outside an option's list (with the list). None when help or the version is asked for (they win over errors).
    /// </summary>
    private static List<string> UsageErrors(ParseResult parse, Argument<string[]> files)
    {
        var errors = new List<string>();
        if (parse.Action is { ClearsParseErrors: true })
        {
            return errors;
        }

        var command = parse.CommandResult.Command;
        var known = parse.CommandResult.Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        string Unknown(string token) => Nearest(token, known) is { } nearest ? $"unknown option '{token}' (did you mean '{nearest}'?)" : $"unknown option '{token}'; see '{CommandLine(parse)} --help'";

        // File names that look like options are mistyped options, unless they come after "--".
        var doubleDash = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        foreach (var token in parse.GetResult(files)?.Tokens ?? [])
        {
            var index = parse.Tokens.ToList().FindIndex(t => ReferenceEquals(t, token));
            if (token.Value.StartsWith('-') && token.Value != "-" && (doubleDash < 0 || index < doubleDash))
            {
                errors.Add(Unknown(token.Value));
            }
        }

        var commandNamed = false;
        foreach (var token in parse.UnmatchedTokens)
        {
            if (token.StartsWith('-'))
            {
                errors.Add(Unknown(token));
            }
            else if (command is RootCommand)
            {
                // The first word is the mistyped command; the words after it were its arguments.
                if (!commandNamed)
                {
                    errors.Add($"unknown command '{token}'; commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))}.");
                    commandNamed = true;
                }
            }
            else
            {
                errors.Add($"unexpected argument '{token}'; see '{CommandLine(parse)} --help'.");
            }
        }

        // System.CommandLine's own messages, less the ones about unmatched tokens said above in the CLI's words.
        foreach (var error in parse.Errors)
        {
            if (!parse.UnmatchedTokens.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal)))
            {
                errors.Add(OneLine(error.Message));
            }
        }

        return errors;
    }

    /// <summary>Restricts a text option to a list (case-insensitive), shown in help as its value's name and in its error.</summary>
    private static Option<string?> Choice(Option<string?> option, IEnumerable<string> accepted, string what)
    {
        var values = accepted.ToArray();
        option.HelpName = string.Join('|', values);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !values.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"{option.Name} '{value}' is not {what}; accepted: {string.Join(", ", values)}.");
            }
        });
        return option;
    }

    /// <summary>Restricts an option to the schema names of the registry.</summary>
    private static Option<string?> SchemaName(Option<string?> option)
    {
        option.HelpName = "name";
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !SchemaCatalog.IsSchemaName(value))
            {
                result.AddError($"{option.Name}: unknown schema '{value}'; known: {SchemaCatalog.NameList}.");
            }
        });
        return option;
    }

    /// <summary>The known option closest to a mistyped one, if it is close (at most two edits).</summary>
    private static string? Nearest(string token, IEnumerable<string> known)
    {
        var name = token.Split('=', 2)[0];
        return known.Where(k => k.StartsWith("--", StringComparison.Ordinal))
            .Select(k => (Option: k, Distance: Distance(name, k)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .Select(c => c.Option)
            .FirstOrDefault();

        // Levenshtein distance, with a swap of two neighbours counted as one edit (--teir for --tier).
        static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }

    // "tenancy-schemas validate", for the help hint.
    private static string CommandLine(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            names.Insert(0, command.Command is RootCommand ? "tenancy-schemas" : command.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

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
