using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace TenancySchemas.AspNetCore.Tests.Support;

/// <summary>An in-memory Serilog sink that keeps every audit event.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    public IEnumerable<LogEvent> Outcomes(string outcome) => Events.Where(e => Property(e, "Outcome") == outcome);

    public static string? Property(LogEvent e, string name) => e.Properties.TryGetValue(name, out var value) ? value.ToString().Trim('"') : null;
}
