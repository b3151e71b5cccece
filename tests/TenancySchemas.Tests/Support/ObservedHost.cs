using System.Collections.Concurrent;
using System.Text;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace TenancySchemas.Tests.Support;

/// <summary>An in-memory Serilog sink that keeps every event.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    /// <summary>The events as a compact JSON (CLEF) log, in the given order (default: arrival).</summary>
    public string ToClef(IEnumerable<LogEvent>? order = null)
    {
        var log = new StringBuilder();
        foreach (var e in order ?? Events)
        {
            using var writer = new StringWriter();
            new Serilog.Formatting.Compact.CompactJsonFormatter().Format(e, writer);
            log.Append(writer);
        }

        return log.ToString();
    }
}

/// <summary>A sink that refuses every event, to test fail-closed auditing.</summary>
internal sealed class FailingSink : ILogEventSink
{
    public void Emit(LogEvent logEvent) => throw new IOException("disk full");
}

/// <summary>A host whose audit events go to an in-memory sink and whose metrics go to a private registry.</summary>
internal sealed class ObservedHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public ObservedHost(Action<TenancySchemaOptions>? configure = null, ILogEventSink? sink = null, bool auditTo = false, Action<IServiceCollection>? register = null)
    {
        Sink = new CollectingSink();
        var loggerConfiguration = new LoggerConfiguration().MinimumLevel.Verbose();
        Logger = auditTo
            ? loggerConfiguration.AuditTo.Sink(sink ?? Sink).CreateLogger()
            : loggerConfiguration.WriteTo.Sink(sink ?? Sink).CreateLogger();
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Clock = new FakeTimeProvider(TestHost.Now);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Registry);
        services.AddSingleton<ILogger>(Logger);
        register?.Invoke(services);
        services.AddTenancySchemas(o =>
        {
            o.DefaultTier = TenancySchemas.Tiers.TenantType.Enterprise;

            // One sink event per validation while the host runs (checkpoints are tested where they are turned on).
            o.Audit.CheckpointInterval = 0;
            o.Audit.CheckpointPeriod = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        services.AddLogging();
        services.AddHealthChecks().AddTenancySchemasCheck(tags: ["ready"]);
        _provider = services.BuildServiceProvider();
    }

    public CollectingSink Sink { get; }

    public Logger Logger { get; }

    public CollectorRegistry Registry { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _provider;

    public IValidator<T> Validator<T>() => _provider.GetRequiredService<IValidator<T>>();

    public TenancySchemas.Json.TenancyJson Json => _provider.GetRequiredService<TenancySchemas.Json.TenancyJson>();

    public async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose()
    {
        _provider.Dispose();
        Logger.Dispose();
    }
}
