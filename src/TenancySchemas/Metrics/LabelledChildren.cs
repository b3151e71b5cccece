namespace TenancySchemas.Metrics;

/// <summary>
/// The labelled children of one metric, found by their label values without prometheus-net's per-call label lookup
/// (an array and a hashed key for every <c>WithLabels</c>). Label values here come from small sets of constant
/// strings (schema names, tiers, outcomes, error codes), so a linear search by reference nearly always hits first;
/// equal strings that are other instances are found by value. Entries are only added, copy-on-write, up to a bound
/// beyond which children are looked up the ordinary way.
/// </summary>
/// <typeparam name="TChild">The child type, such as <c>Counter.Child</c>.</typeparam>
internal sealed class LabelledChildren<TChild>(Func<string, string, string, TChild> create)
    where TChild : class
{
    private const int MaxEntries = 512;

    private readonly Lock _gate = new();
    private Entry[] _entries = [];

    public TChild Get(string first, string second = "", string third = "")
    {
        var entries = Volatile.Read(ref _entries);
        foreach (var entry in entries)
        {
            if (ReferenceEquals(entry.First, first) && ReferenceEquals(entry.Second, second) && ReferenceEquals(entry.Third, third))
            {
                return entry.Child;
            }
        }

        foreach (var entry in entries)
        {
            if (string.Equals(entry.First, first, StringComparison.Ordinal) && string.Equals(entry.Second, second, StringComparison.Ordinal) &&
                string.Equals(entry.Third, third, StringComparison.Ordinal))
            {
                return entry.Child;
            }
        }

        var child = create(first, second, third);
        if (entries.Length < MaxEntries)
        {
            lock (_gate)
            {
                _entries = [.. _entries, new Entry(first, second, third, child)];
            }
        }

        return child;
    }

    private sealed record Entry(string First, string Second, string Third, TChild Child);
}
