using System.Globalization;

namespace TenancySchemas.Tests.Support;

/// <summary>Reads values from a Prometheus text exposition.</summary>
internal static class Exposition
{
    /// <summary>The value of one series, written exactly (<c>name{label="v",…}</c>); 0 when absent.</summary>
    public static double Value(string exposition, string series) =>
        Lines(exposition).Where(l => l.StartsWith(series + " ", StringComparison.Ordinal)).Select(Number).FirstOrDefault();

    /// <summary>The sum over every series of a metric whose labels contain <paramref name="labelFilter"/>.</summary>
    public static double Sum(string exposition, string metric, string labelFilter = "") =>
        Lines(exposition).Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains(labelFilter, StringComparison.Ordinal)).Sum(Number);

    private static string[] Lines(string exposition) => exposition.Split('\n');

    private static double Number(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
