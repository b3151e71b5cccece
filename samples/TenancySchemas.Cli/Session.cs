using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Cli;

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
                    o.IsolationLevel = SchemaCatalog.ParseIsolation(isolation)
                        ?? throw new UsageException($"--isolation '{isolation}' is not an isolation level; accepted: {SchemaCatalog.IsolationList}.");
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
            streams.Error.WriteLine($"error: {exception.File}: {exception.Message}");
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
        // The first error may be the checkpoint file's: name the file it was met on.
        var file = output.FailedFile!;
        streams.Error.WriteLine($"error: {file.Label} '{file.Path}' could not be written: {Describe(output.Failure!)}");
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
            var validate = Catalog.InferFromFileName(file);
            if (validate is null)
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
        SchemaEntry? fixedSchema = null;
        if (request.Schema is not null && !Catalog.TryGet(request.Schema, out fixedSchema))
        {
            throw new UsageException($"unknown schema '{request.Schema}'; known: {SchemaCatalog.NameList}.");
        }

        if (request.Tenant is not null)
        {
            _provider!.GetRequiredService<ITenantContextAccessor>().Current = new TenantContext(request.Tenant, tier);
        }

        var json = _provider!.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.Json;
        var reader = new DocumentReader(Catalog, fixedSchema, tier, json.MaxDocumentBytes, json.MaxDepth);
        var files = request.Files.Length == 0 ? ["-"] : request.Files;
        using var writer = new ResultWriter(streams.Output, request.Format, streams.OutputIsTerminal);
        var inputErrors = 0;
        foreach (var file in files)
        {
            inputErrors += request.Ndjson ? ValidateLines(file, request, reader, writer) : ValidateDocument(file, reader, writer);
        }

        // After read errors alone, a summary of nothing would only bury them.
        if (inputErrors == 0 || writer.Valid + writer.Invalid > 0)
        {
            writer.Summary(streams.Error);
        }

        return inputErrors > 0 ? ExitCodes.Usage : writer.Invalid > 0 ? ExitCodes.Invalid : ExitCodes.Valid;
    }

    public int PrintSchema(string name, string? tierName)
    {
        var type = Catalog.TypeOf(name) ?? throw new UsageException($"unknown schema '{name}'; known: {SchemaCatalog.NameList}.");
        var tier = ParseTier(tierName);
        var schema = _provider!.GetRequiredService<TenancyJsonSchemaExporter>().GetSchema(type, tier);
        using var writer = new Utf8JsonWriter(streams.Output, new JsonWriterOptions { Indented = true });
        schema.WriteTo(writer);
        writer.Flush();
        streams.Output.WriteByte((byte)'\n');
        streams.Output.Flush();
        return ExitCodes.Valid;
    }

    /// <summary>
    /// One document from a file or standard input. Nothing of it is read past the size limit: a file's length is
    /// checked first, standard input is read to one byte over the limit at most. A document over the limit is read only
    /// as far as needed to find a leading <c>"$schema"</c> member (when <c>--schema</c> does not name the schema), and
    /// refused by the library.
    /// </summary>
    /// <returns>1 when the document could not be validated (reported on standard error), else 0.</returns>
    private int ValidateDocument(string file, DocumentReader reader, ResultWriter writer)
    {
        var label = file == "-" ? "stdin" : file;
        var source = file == "-" ? DocumentSource.Unnamed : new DocumentSource(Catalog.InferFromFileName(file), SchemaCatalog.TierFromName(file));
        var input = file == "-" ? streams.Input : OpenFile(file);
        if (input is null)
        {
            return 1;
        }

        DocumentRead read;
        try
        {
            using (file == "-" ? null : input)
            {
                read = Read(input, file != "-", reader, source);
            }
        }
        catch (IOException exception)
        {
            streams.Error.WriteLine($"error: cannot read '{file}': {exception.Message}");
            return 1;
        }

        if (read.Entry is null)
        {
            streams.Error.WriteLine($"error: {label}: {read.Error}");
            return 1;
        }

        writer.Document(label, null, read.Entry.Finish(read.Read!, read.Context));
        return 0;
    }

    private static DocumentRead Read(Stream input, bool isFile, DocumentReader reader, DocumentSource source)
    {
        var limit = reader.MaxDocumentBytes;
        var length = isFile && input.CanSeek ? input.Length : (long?)null;
        if (length > limit && reader.HasFixedSchema)
        {
            return reader.ReadTooLarge(ReadOnlyMemory<byte>.Empty, input, source);
        }

        var bytes = ReadAtMost(input, limit + 1, length);
        if (bytes.Length <= limit)
        {
            return reader.Read(bytes, source);
        }

        // A file can say how long it is: from its start again, the library names its size.
        var whole = length is not null ? input : null;
        whole?.Seek(0, SeekOrigin.Begin);
        return reader.ReadTooLarge(bytes, whole, source);
    }

    /// <summary>Opens a file to read, or says on standard error why it cannot be (a directory, missing, not allowed).</summary>
    private FileStream? OpenFile(string file)
    {
        if (Directory.Exists(file))
        {
            streams.Error.WriteLine($"error: cannot read '{file}': it is a directory; pass the documents in it (such as '{Path.Combine(file, "*.json")}').");
            return null;
        }

        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var reason = exception switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => exception.Message,
            };
            streams.Error.WriteLine($"error: cannot read '{file}': {reason}.");
            return null;
        }
    }

    /// <summary>Reads a stream to its end or to <paramref name="most"/> bytes, whichever comes first.</summary>
    private static byte[] ReadAtMost(Stream input, int most, long? length)
    {
        var buffer = new byte[(int)Math.Min(most, length is { } known ? known + 1 : 1 << 16)];
        var used = 0;
        while (used < most)
        {
            if (used == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(most, 2L * buffer.Length));
            }

            var read = input.Read(buffer, used, buffer.Length - used);
            if (read == 0)
            {
                break;
            }

            used += read;
        }

        return used == buffer.Length ? buffer : buffer[..used];
    }

    /// <summary>
    /// One document per line, each held only up to the size limit: a longer line is refused as too large (from its
    /// beginning, for the schema) and the input is read past it to the next line.
    /// </summary>
    /// <returns>The number of lines that could not be validated (reported on standard error).</returns>
    private int ValidateLines(string file, ValidateRequest request, DocumentReader reader, ResultWriter writer)
    {
        var input = file == "-" ? streams.Input : OpenFile(file);
        if (input is null)
        {
            return 1;
        }

        var name = file == "-" ? "stdin" : file;
        var source = file == "-" ? DocumentSource.Unnamed : new DocumentSource(Catalog.InferFromFileName(file), SchemaCatalog.TierFromName(file));
        var progress = streams.ErrorIsTerminal ? Stopwatch.StartNew() : null;
        var started = Stopwatch.GetTimestamp();
        long line = 0;
        var inputErrors = 0;

        // Lines travel in batches, in bounded memory whatever the input's length: this thread splits the input into
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
                        batch.Process(name, document => reader.Read(document, source));
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToArray();

        void WriteOldest()
        {
            var oldest = pending.Dequeue();
            inputErrors += oldest.CopyTo(writer, (number, error) => streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {name}:{number}: {error}")));
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
                foreach (var document in LineReader.Lines(input, reader.MaxDocumentBytes))
                {
                    line = document.Number;
                    if (document.Bytes.IsEmpty)
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

                    if (document.TooLong)
                    {
                        // Refused here, while its beginning is still held: the reader drops it when it reads on.
                        current.Add(line, reader.ReadTooLarge(document.Bytes, null, source));
                    }
                    else
                    {
                        current.Add(line, document.Bytes.Span);
                    }

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

    private static TenantType? ParseTier(string? text) =>
        text is null ? null
        : SchemaCatalog.ParseTier(text) ?? throw new UsageException($"--tier '{text}' is not a tier; accepted: {SchemaCatalog.TierList}.");

    // Messages follow --locale, else DEFAULT_LOCALE: the terminal's own culture is deliberately not used. Setting the
    // supported culture up front also spares every validation a culture switch of its own.
    private void SetCulture()
    {
        var chosen = locale ?? _provider!.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.DefaultLocale;
        CultureInfo.CurrentUICulture = TenancySchemaOptions.SupportedLocales.Contains(chosen)
            ? CultureInfo.GetCultureInfo(chosen)
            : throw new UsageException($"{(locale is null ? "DEFAULT_LOCALE" : "--locale")} '{chosen}' is not supported; accepted: {SchemaCatalog.LocaleList}.");
    }
}

/// <summary>A usage or input error: reported on standard error with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
