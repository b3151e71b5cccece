using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;
using Serilog;
using Serilog.Formatting.Compact;
using TenancySchemas;
using TenancySchemas.Auditing;
using TenancySchemas.Cli;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

Console.OutputEncoding = Encoding.UTF8;

var filesArgument = new Argument<string[]>("files")
{
    Description = "Documents to validate. Without any, the bundled sample documents are validated and checked against the outcome their names announce (*.valid.json / *.invalid.json).",
    Arity = ArgumentArity.ZeroOrMore,
};
var schemaOption = new Option<string?>("--schema") { Description = "The schema of the documents; inferred from the file name when omitted." };
var localeOption = new Option<string?>("--locale") { Description = "Language of the messages: en, fr, de or es. Default: DEFAULT_LOCALE, else en." };
var tierOption = new Option<string?>("--tier") { Description = "The tier whose rules apply to documents without their own tenant_type: trial, standard, professional or enterprise." };
var auditLogOption = new Option<string?>("--audit-log") { Description = "Write the run's audit events to this file, in Serilog compact JSON (fail-closed)." };
var metricsOption = new Option<bool>("--metrics") { Description = "Print the run's Prometheus metrics to standard error at the end." };

var root = new RootCommand("Validates TenancySchemas JSON documents.") { filesArgument, schemaOption, localeOption, tierOption, auditLogOption, metricsOption };
root.SetAction(parse => Run(
    parse.GetValue(filesArgument) ?? [],
    parse.GetValue(schemaOption),
    parse.GetValue(localeOption),
    parse.GetValue(tierOption),
    parse.GetValue(auditLogOption),
    parse.GetValue(metricsOption)));

var verifyFile = new Argument<string>("file") { Description = "A compact JSON (CLEF) audit log." };
var verify = new Command("verify", "Checks the tamper-evident chain of an audit log.") { verifyFile };
verify.SetAction(parse => Verify(parse.GetValue(verifyFile)!));
root.Subcommands.Add(new Command("audit", "Audit log tools.") { verify });

return root.Parse(args).Invoke();

static int Run(string[] files, string? schema, string? locale, string? tierName, string? auditLog, bool printMetrics)
{
    TenancyValidationContext? context = null;
    if (tierName is not null)
    {
        if (!Enum.TryParse<TenantType>(tierName, ignoreCase: true, out var tier) || int.TryParse(tierName, out _))
        {
            Console.Error.WriteLine($"error: --tier '{tierName}' is not a tier; accepted: trial, standard, professional, enterprise.");
            return ExitCodes.Usage;
        }

        context = new TenancyValidationContext { Tier = tier };
    }

    using var auditLogger = auditLog is null ? null : new LoggerConfiguration().AuditTo.File(new CompactJsonFormatter(), auditLog).CreateLogger();
    var registry = Metrics.NewCustomRegistry();
    var services = new ServiceCollection();
    services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().Build());
    services.AddTenancySchemas(o =>
    {
        o.AuditLogger = auditLogger;
        o.EnableAuditing = auditLogger is not null;
        o.MetricsRegistry = registry;

        // An offline tool checks files, it does not serve tenants: no per-tenant budget.
        o.EnableRateLimiting = false;
    });
    using var provider = services.BuildServiceProvider();

    try
    {
        _ = provider.GetRequiredService<IOptions<TenancySchemaOptions>>().Value;
    }
    catch (OptionsValidationException exception)
    {
        foreach (var failure in exception.Failures)
        {
            Console.Error.WriteLine($"error: {failure}");
        }

        return ExitCodes.Usage;
    }

    // Messages follow --locale, else DEFAULT_LOCALE: the terminal's own culture is deliberately not used.
    if (locale is not null)
    {
        if (locale is not ("en" or "fr" or "de" or "es"))
        {
            Console.Error.WriteLine($"error: --locale '{locale}' is not supported; accepted: en, fr, de, es.");
            return ExitCodes.Usage;
        }

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(locale);
    }
    else
    {
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }

    var catalog = new SchemaCatalog(provider);
    var report = new Report(Console.Out, colour: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
    var exitCode = files.Length == 0
        ? report.RunSamples(catalog, Path.Combine(AppContext.BaseDirectory, "samples"))
        : report.RunFiles(catalog, files, schema, context);

    if (printMetrics)
    {
        using var stream = Console.OpenStandardError();
        registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
    }

    return exitCode;
}

static int Verify(string file)
{
    AuditVerificationResult result;
    try
    {
        using var reader = new StreamReader(file);
        result = AuditChainVerifier.VerifyClef(reader);
    }
    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: cannot read '{file}': {exception.Message}");
        return ExitCodes.Usage;
    }

    if (result.IsIntact)
    {
        Console.WriteLine($"intact: {result.Records} record(s) in {result.Chains} chain(s)");
        return ExitCodes.Valid;
    }

    Console.WriteLine(result.Kind == AuditBreakKind.Unreadable
        ? $"broken: line {result.Position} is not an audit record"
        : $"broken: chain {result.BrokenChainId} at sequence {result.BrokenSequence}: record {result.Kind.ToString()!.ToLowerInvariant()} (position {result.Position})");
    return ExitCodes.Invalid;
}
