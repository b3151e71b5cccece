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

/// <summary>
/// A batch of NDJSON lines copied out of the reader's buffer. A worker reads, validates and formats all of its lines
/// (<see cref="Process"/>) into the batch's own output; the reading thread then copies that output to standard output
/// in input order (<see cref="CopyTo"/>) and reuses the batch.
/// </summary>
internal sealed class LineBatch : IDisposable
{
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly long[] _lines;
    private readonly DocumentOutcome?[] _outcomes;
    private readonly (SchemaEntry? Entry, object? Read, TenancyValidationContext? Context)[] _reads;
    private readonly ResultWriter _output;
    private byte[] _bytes = new byte[1 << 20];
    private int _used;
    private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;

    public LineBatch(int capacity, OutputFormat format, bool colour)
    {
        _starts = new int[capacity];
        _lengths = new int[capacity];
        _lines = new long[capacity];
        _outcomes = new DocumentOutcome?[capacity];
        _reads = new (SchemaEntry?, object?, TenancyValidationContext?)[capacity];
        _output = ResultWriter.Held(format, colour);
    }

    /// <summary>Gets the signal that <see cref="Process"/> has finished with this batch.</summary>
    public ManualResetEventSlim Processed { get; } = new();

    public int Count { get; private set; }

    public bool IsFull => Count == _lines.Length;

    public void Add(long line, ReadOnlySpan<byte> document)
    {
        if (_used + document.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + document.Length));
        }

        document.CopyTo(_bytes.AsSpan(_used));
        _lines[Count] = line;
        _starts[Count] = _used;
        _lengths[Count] = document.Length;
        _used += document.Length;
        Count++;
    }

    /// <summary>
    /// On a worker: every line is read first, then every read line validated, then every outcome formatted (running
    /// one step's code many times in a row is faster than alternating the steps for every line). A line whose schema
    /// cannot be told gets no outcome. An exception is kept for the reading thread to rethrow.
    /// </summary>
    public void Process(string name, Func<ReadOnlyMemory<byte>, (SchemaEntry Entry, object Read, TenancyValidationContext? Context)?> read)
    {
        try
        {
            for (var i = 0; i < Count; i++)
            {
                _reads[i] = read(new ReadOnlyMemory<byte>(_bytes, _starts[i], _lengths[i])) ?? default;
            }

            for (var i = 0; i < Count; i++)
            {
                var (entry, document, context) = _reads[i];
                _reads[i] = default;
                _outcomes[i] = entry?.Finish(document!, context);
            }

            for (var i = 0; i < Count; i++)
            {
                if (_outcomes[i] is { } outcome)
                {
                    _output.Document(name, _lines[i], outcome);
                }
            }

            _output.Flush();
        }
        catch (Exception exception)
        {
            _failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception);
        }
        finally
        {
            Processed.Set();
        }
    }

    /// <summary>
    /// On the reading thread, once processed: copies the formatted results to <paramref name="writer"/>, reports each
    /// line without a schema through <paramref name="noSchema"/>, and empties the batch for reuse.
    /// </summary>
    /// <returns>The number of lines without a schema.</returns>
    public int CopyTo(ResultWriter writer, Action<long> noSchema)
    {
        Processed.Wait();
        _failure?.Throw();
        writer.Append(_output);
        var missing = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_outcomes[i] is null)
            {
                noSchema(_lines[i]);
                missing++;
            }
        }

        Array.Clear(_outcomes, 0, Count);
        Count = 0;
        _used = 0;
        Processed.Reset();
        return missing;
    }

    public void Dispose()
    {
        _output.Dispose();
        Processed.Dispose();
    }
}

internal sealed record ValidateRequest(string[] Files, string? Schema, string? Tier, string? Tenant, OutputFormat Format, bool Ndjson);

/// <summary>One CLI run: the library wired as an app would (configuration from environment variables), its options, its streams.</summary>
internal sealed class Session(CliStreams streams, string? locale, AuditSettings audit, bool printMetrics, string? isolation)
{
    // Lines per batch. Every record read in a batch lives until the batch is validated, so a collection during the
    // batch promotes what the batch read: with 512 lines, 600 of 1,400 collections in a million alerts were
    // generation 1 and the run paused 2.0 s for the collector; with 64, nearly none were, it paused 1.1 s and ran 13 %
    // faster, still long enough runs of one step's code.
    private const int BatchSize = 64;

    private ServiceProvider? _provider;
    private CollectorRegistry? _registry;
    private SchemaCatalog? _catalog;

    private SchemaCatalog Catalog => _catalog ??= new SchemaCatalog(_provider!);

    public int Run(Func<Session, int> command)
    {
        AuditOutput? output = null;
        try
        {
            output = AuditOutput.Open(audit);
            _registry = Prometheus.Metrics.NewCustomRegistry();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            services.AddSingleton(_registry);
            if (output is not null)
            {
                services.AddSingleton(output.Logger);
                if (output.Store is not null)
                {
                    services.AddSingleton(output.Store);
                }

                if (output.Key is not null)
                {
                    services.AddSingleton(output.Key);
                }
            }

            services.AddTenancySchemas(o =>
            {
                o.Audit.Enabled = output is not null;
                if (isolation is not null)
                {
                    o.IsolationLevel = SchemaCatalog.TryParseName<IsolationLevel>(isolation)
                        ?? throw new UsageException($"--isolation '{isolation}' is not a level; accepted: strict, moderate, basic.");
                }
            });

            int exitCode;
            using (_provider = services.BuildServiceProvider())
            {
                _ = _provider.GetRequiredService<IOptions<TenancySchemaOptions>>().Value;
                SetCulture();
                exitCode = command(this);
                if (printMetrics)
                {
                    using var stream = new MemoryStream();
                    _registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
                    streams.Error.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                }

                // Disposing the container writes the audit chain's final checkpoint.
            }

            output?.Dispose();
            return output?.Failure is null ? exitCode : AuditFailed(output);
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                streams.Error.WriteLine($"error: {failure}");
            }

            return ExitCodes.Usage;
        }
        catch (UsageException exception)
        {
            streams.Error.WriteLine($"error: {exception.Message}");
            return ExitCodes.Usage;
        }
        catch (AuditOpenException exception)
        {
            streams.Error.WriteLine($"error: audit log: {exception.Message}");
            return ExitCodes.Audit;
        }
        catch (Exception) when (output?.Failure is not null)
        {
            // The exception that reached here may be a later one (thrown while closing): report the first.
            return AuditFailed(output);
        }
        finally
        {
            output?.Dispose();
        }
    }

    private int AuditFailed(AuditOutput output)
    {
        streams.Error.WriteLine($"error: audit log '{output.Path}' could not be written: {Describe(output.Failure!)}");
        return ExitCodes.Audit;

        static string Describe(Exception exception) =>
            exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Describe(aggregate.InnerExceptions[0]) : exception.Message;
    }

    public int RunSamples(string folder)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            streams.Error.WriteLine($"error: no sample documents in '{folder}'.");
            return ExitCodes.Usage;
        }

        using var writer = new ResultWriter(streams.Output, OutputFormat.Text, streams.OutputIsTerminal);
        var surprises = new List<string>();
        foreach (var file in files)
        {
            var name = Catalog.InferFromFileName(file);
            if (name is null || !Catalog.TryGet(name, out var validate))
            {
                surprises.Add($"{Path.GetFileName(file)}: no schema");
                continue;
            }

            var tier = SchemaCatalog.TierFromName(file);
            var outcome = validate.Validate(File.ReadAllBytes(file), tier is null ? null : new TenancyValidationContext { Tier = tier });
            writer.Document(Path.GetFileName(file), null, outcome);
            if (outcome.IsValid == file.EndsWith(".invalid.json", StringComparison.Ordinal))
            {
                surprises.Add($"{Path.GetFileName(file)}: expected {(outcome.IsValid ? "invalid" : "valid")}");
            }
        }

        writer.Summary(streams.Error);
        writer.Flush();
        foreach (var surprise in surprises)
        {
            streams.Error.WriteLine($"unexpected outcome: {surprise}");
        }

        using var output = new StreamWriter(streams.Output, leaveOpen: true);
        output.WriteLine(surprises.Count == 0 ? "every sample has the outcome its name announces" : $"{surprises.Count} sample(s) did not");
        return surprises.Count == 0 ? ExitCodes.Valid : ExitCodes.Invalid;
    }

    public int Validate(ValidateRequest request)
    {
        var tier = ParseTier(request.Tier);
        if (request.Schema is not null && !Catalog.TryGet(request.Schema, out _))
        {
            throw new UsageException($"unknown schema '{request.Schema}'; known: {Catalog.NameList}.");
        }

        if (request.Tenant is not null)
        {
            _provider!.GetRequiredService<ITenantContextAccessor>().Current = new TenantContext(request.Tenant, tier);
        }

        var files = request.Files.Length == 0 ? ["-"] : request.Files;
        using var writer = new ResultWriter(streams.Output, request.Format, streams.OutputIsTerminal);
        var inputErrors = 0;
        foreach (var file in files)
        {
            inputErrors += request.Ndjson ? ValidateLines(file, request, tier, writer) : ValidateDocumentFile(file, request, tier, writer);
        }

        writer.Summary(streams.Error);
        return inputErrors > 0 ? ExitCodes.Usage : writer.Invalid > 0 ? ExitCodes.Invalid : ExitCodes.Valid;
    }

    public int PrintSchema(string name, string? tierName)
    {
        var type = Catalog.TypeOf(name) ?? throw new UsageException($"unknown schema '{name}'; known: {Catalog.NameList}.");
        var tier = ParseTier(tierName);
        var schema = _provider!.GetRequiredService<TenancyJsonSchemaExporter>().GetSchema(type, tier);
        using var writer = new Utf8JsonWriter(streams.Output, new JsonWriterOptions { Indented = true });
        schema.WriteTo(writer);
        writer.Flush();
        streams.Output.WriteByte((byte)'\n');
        streams.Output.Flush();
        return ExitCodes.Valid;
    }

    private int ValidateDocumentFile(string file, ValidateRequest request, TenantType? tier, ResultWriter writer)
    {
        byte[] bytes;
        try
        {
            bytes = file == "-" ? ReadAll(streams.Input) : File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            streams.Error.WriteLine($"error: cannot read '{file}': {exception.Message}");
            return 1;
        }

        var hint = request.Schema is null ? Catalog.FindHint(bytes) : new SchemaHint(null, null, bytes);
        var name = request.Schema ?? hint.Name ?? (file == "-" ? null : Catalog.InferFromFileName(file));
        if (name is null || !Catalog.TryGet(name, out var validate))
        {
            streams.Error.WriteLine($"error: cannot tell the schema of '{file}'; pass --schema ({Catalog.NameList}) or add a \"$schema\" member.");
            return 1;
        }

        var documentTier = tier ?? hint.Tier ?? (file == "-" ? null : SchemaCatalog.TierFromName(file));
        writer.Document(file == "-" ? "stdin" : file, null, validate.Validate(hint.Document.Span, Context(documentTier)));
        return 0;
    }

    /// <summary>One document per line: read in 64 KiB blocks, never more than the current line held.</summary>
    private int ValidateLines(string file, ValidateRequest request, TenantType? tier, ResultWriter writer)
    {
        Stream input;
        try
        {
            input = file == "-" ? streams.Input : File.OpenRead(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            streams.Error.WriteLine($"error: cannot read '{file}': {exception.Message}");
            return 1;
        }

        var name = file == "-" ? "stdin" : file;
        SchemaEntry? fixedSchema = null;
        if (request.Schema is not null)
        {
            Catalog.TryGet(request.Schema, out fixedSchema);
        }

        var fileSchema = request.Schema ?? (file == "-" ? null : Catalog.InferFromFileName(file));
        var fixedContext = Context(tier);
        var progress = streams.ErrorIsTerminal ? Stopwatch.StartNew() : null;
        var started = Stopwatch.GetTimestamp();
        long line = 0;
        var inputErrors = 0;

        (SchemaEntry, object, TenancyValidationContext?)? Read(ReadOnlyMemory<byte> document)
        {
            if (fixedSchema is not null)
            {
                return (fixedSchema, fixedSchema.Read(document.Span), fixedContext);
            }

            var hint = Catalog.FindHint(document);
            var schemaName = hint.Name ?? fileSchema;
            return schemaName is not null && Catalog.TryGet(schemaName, out var entry)
                ? (entry, entry.Read(hint.Document.Span), Context(tier ?? hint.Tier))
                : null;
        }

        // Lines travel in batches, in constant memory whatever the input's length: this thread splits the input into
        // batches, one worker per core takes whole batches and reads, validates and formats their lines, and this
        // thread writes finished batches in input order. Workers are not forked and joined per batch (waking a
        // worker for every batch and waiting for the slower of two cost more than a tenth of the run), and the
        // formatting runs on the workers too. Validators are thread-safe singletons; culture and tenant context flow
        // to the workers.
        var workerCount = Environment.ProcessorCount;
        var batches = Enumerable.Range(0, (2 * workerCount) + 1).Select(_ => new LineBatch(BatchSize, request.Format, streams.OutputIsTerminal)).ToList();
        var free = new Stack<LineBatch>(batches);
        var pending = new Queue<LineBatch>();
        using var work = new System.Collections.Concurrent.BlockingCollection<LineBatch>();
        var workers = Enumerable.Range(0, workerCount)
            .Select(_ => Task.Factory.StartNew(
                () =>
                {
                    foreach (var batch in work.GetConsumingEnumerable())
                    {
                        batch.Process(name, Read);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToArray();

        void WriteOldest()
        {
            var oldest = pending.Dequeue();
            inputErrors += oldest.CopyTo(writer, number => streams.Error.WriteLine(
                $"error: {name}:{number}: cannot tell the schema; pass --schema ({Catalog.NameList}) or add a \"$schema\" member."));
            free.Push(oldest);
            if (progress is not null && progress.ElapsedMilliseconds >= 500)
            {
                progress.Restart();
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                streams.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{writer.Valid + writer.Invalid} documents, {(writer.Valid + writer.Invalid) / seconds:F0}/s"));
            }
        }

        void Submit(LineBatch batch)
        {
            pending.Enqueue(batch);
            work.Add(batch);

            // Write what is finished already, so that output keeps flowing while the workers are busy.
            while (pending.Count > 0 && pending.Peek().Processed.IsSet)
            {
                WriteOldest();
            }
        }

        try
        {
            using (file == "-" ? null : input)
            {
                LineBatch? current = null;
                foreach (var document in LineReader.Lines(input))
                {
                    line++;
                    if (document.IsEmpty)
                    {
                        continue;
                    }

                    if (current is null)
                    {
                        if (free.Count == 0)
                        {
                            WriteOldest();
                        }

                        current = free.Pop();
                    }

                    current.Add(line, document.Span);
                    if (current.IsFull)
                    {
                        Submit(current);
                        current = null;
                    }
                }

                if (current is { Count: > 0 })
                {
                    Submit(current);
                }

                while (pending.Count > 0)
                {
                    WriteOldest();
                }
            }
        }
        finally
        {
            work.CompleteAdding();
            Task.WaitAll(workers);
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }

        if (progress is not null)
        {
            var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
            streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\r{writer.Valid + writer.Invalid} documents, {(total > 0 ? (writer.Valid + writer.Invalid) / total : 0):F0}/s"));
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {line} line(s) in {elapsed:F2} s ({(elapsed > 0 ? line / elapsed : 0):F0} documents/s)"));
        return inputErrors;
    }

    private static TenancyValidationContext? Context(TenantType? tier) => tier is null ? null : new TenancyValidationContext { Tier = tier };

    private static TenantType? ParseTier(string? text) =>
        text is null ? null
        : SchemaCatalog.TryParseName<TenantType>(text)
        ?? throw new UsageException($"--tier '{text}' is not a tier; accepted: trial, standard, professional, enterprise.");

    private static byte[] ReadAll(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }

    // Messages follow --locale, else DEFAULT_LOCALE: the terminal's own culture is deliberately not used. Setting the
    // supported culture up front also spares every validation a culture switch of its own.
    private void SetCulture()
    {
        var chosen = locale ?? _provider!.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.DefaultLocale;
        CultureInfo.CurrentUICulture = TenancySchemaOptions.SupportedLocales.Contains(chosen)
            ? CultureInfo.GetCultureInfo(chosen)
            : throw new UsageException($"--locale '{chosen}' is not supported; accepted: {string.Join(", ", TenancySchemaOptions.SupportedLocales)}.");
    }
}

/// <summary>A usage or input error: reported on standard error with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
