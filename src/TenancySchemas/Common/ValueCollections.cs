using System.Collections;
using System.Text;
using System.Text.Json;

namespace TenancySchemas.Common;

// Records hold their collections in these wrappers so that the compiler-generated record
// equality compares contents and so that a caller's list cannot change a record
// after it was built: every wrapper copies its input.

/// <summary>
/// One of the records' value collections, whatever its item type: enumerating it yields exactly <see cref="Count"/>
/// items, so a check for emptiness need not enumerate it.
/// </summary>
internal interface IValueCollection
{
    int Count { get; }
}

/// <summary>A read-only list compared by its elements, in order.</summary>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>, IValueCollection
{
    public static readonly ValueList<T> Empty = new([]);

    private readonly T[] _items;

    private ValueList(T[] items) => _items = items;

    public static IReadOnlyList<T> From(IEnumerable<T>? items) => items switch
    {
        null => Empty,
        ValueList<T> list => list,
        ICollection<T> { Count: 0 } => Empty,
        _ => new ValueList<T>([.. items]),
    };

    /// <summary>
    /// Wraps an array that nothing else holds or changes (a reader's own copy of a document's list) without copying it
    /// a second time, as <see cref="From"/> must do with a caller's list.
    /// </summary>
    public static IReadOnlyList<T> Adopt(T[] items) => items.Length == 0 ? Empty : new ValueList<T>(items);

    public T this[int index] => _items[index];

    public int Count => _items.Length;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ValueList<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        var comparer = ValueEquality.ComparerFor<T>();
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var comparer = ValueEquality.ComparerFor<T>();
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item is null ? 0 : comparer.GetHashCode(item));
        }

        return hash.ToHashCode();
    }

    public override string ToString() => ValueEquality.Describe(this);
}

/// <summary>A read-only set compared by membership.</summary>
internal sealed class ValueSet<T> : IReadOnlySet<T>, IEquatable<ValueSet<T>>, IValueCollection
    where T : notnull
{
    public static readonly ValueSet<T> Empty = new([]);

    // A private copy never changed after construction. Not a FrozenSet: freezing analyses the items to speed up later
    // lookups, which costs more than the few lookups a document's small sets ever get.
    private readonly HashSet<T> _items;

    private ValueSet(HashSet<T> items) => _items = items;

    public static IReadOnlySet<T> From(IEnumerable<T>? items) => items switch
    {
        null => Empty,
        ValueSet<T> set => set,
        _ => new ValueSet<T>([.. items]),
    };

    /// <summary>Wraps a set with the default comparer that nothing else holds or changes (a reader's own), without copying it.</summary>
    public static IReadOnlySet<T> Adopt(HashSet<T> items) => items.Count == 0 ? Empty : new ValueSet<T>(items);

    public int Count => _items.Count;

    public bool Contains(T item) => _items.Contains(item);

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<T> other) => _items.IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<T> other) => _items.IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<T> other) => _items.IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<T> other) => _items.IsSupersetOf(other);

    public bool Overlaps(IEnumerable<T> other) => _items.Overlaps(other);

    public bool SetEquals(IEnumerable<T> other) => _items.SetEquals(other);

    public bool Equals(ValueSet<T>? other) =>
        ReferenceEquals(this, other) || (other is not null && other.Count == Count && _items.SetEquals(other._items));

    public override bool Equals(object? obj) => Equals(obj as ValueSet<T>);

    public override int GetHashCode()
    {
        // Order-independent: sum of element hashes.
        var sum = 0;
        foreach (var item in _items)
        {
            sum = unchecked(sum + item.GetHashCode());
        }

        return HashCode.Combine(Count, sum);
    }

    public override string ToString() => ValueEquality.Describe(this);
}

/// <summary>A read-only dictionary with ordinal string keys, compared by keys and values.</summary>
internal sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>, IValueCollection
{
    public static readonly ValueMap<TValue> Empty = new(new Dictionary<string, TValue>(StringComparer.Ordinal));

    // A private copy never changed after construction; not frozen, for the reason given on ValueSet.
    private readonly Dictionary<string, TValue> _items;

    private ValueMap(Dictionary<string, TValue> items) => _items = items;

    public static IReadOnlyDictionary<string, TValue> From(IEnumerable<KeyValuePair<string, TValue>>? items) => items switch
    {
        null => Empty,
        ValueMap<TValue> map => map,
        ICollection<KeyValuePair<string, TValue>> { Count: 0 } => Empty,
        _ => new ValueMap<TValue>(Copy(items)),
    };

    /// <summary>
    /// Wraps a dictionary with ordinal keys that nothing else holds or changes (a reader's own copy of a document's map)
    /// without copying it a second time, as <see cref="From"/> must do with a caller's map.
    /// </summary>
    public static IReadOnlyDictionary<string, TValue> Adopt(Dictionary<string, TValue> items) => items.Count == 0 ? Empty : new ValueMap<TValue>(items);

    // A repeated key keeps its last value, as it did when these maps were frozen dictionaries.
    private static Dictionary<string, TValue> Copy(IEnumerable<KeyValuePair<string, TValue>> items)
    {
        var copy = items is ICollection<KeyValuePair<string, TValue>> collection
            ? new Dictionary<string, TValue>(collection.Count, StringComparer.Ordinal)
            : new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            copy[key] = value;
        }

        return copy;
    }

    public TValue this[string key] => _items[key];

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<TValue> Values => _items.Values;

    public int Count => _items.Count;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, out TValue value) => _items.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap<TValue>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        var comparer = ValueEquality.ComparerFor<TValue>();
        foreach (var (key, value) in _items)
        {
            if (!other._items.TryGetValue(key, out var otherValue) || !comparer.Equals(value, otherValue))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    public override int GetHashCode()
    {
        // Keys only: consistent with deep value equality (equal maps have equal key sets).
        var sum = 0;
        foreach (var key in _items.Keys)
        {
            sum = unchecked(sum + StringComparer.Ordinal.GetHashCode(key));
        }

        return HashCode.Combine(Count, sum);
    }

    public override string ToString() => ValueEquality.DescribeMap(this);
}

/// <summary>Equality rules shared by the value collections.</summary>
internal static class ValueEquality
{
    public static IEqualityComparer<T> ComparerFor<T>() =>
        typeof(T) == typeof(JsonElement) ? (IEqualityComparer<T>)(object)JsonElementComparer.Instance : EqualityComparer<T>.Default;

    public static string Describe<T>(IEnumerable<T> items)
    {
        var builder = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            builder.Append(first ? string.Empty : ", ").Append(SensitiveData.DescribeValue(item));
            first = false;
        }

        return builder.Append(']').ToString();
    }

    public static string DescribeMap<TValue>(IEnumerable<KeyValuePair<string, TValue>> items)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in items.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            builder.Append(first ? " " : ", ").Append(key).Append(" = ")
                .Append(SensitiveData.IsSensitiveName(key) ? SensitiveData.Mask : SensitiveData.DescribeValue(value));
            first = false;
        }

        return builder.Append(first ? "}" : " }").ToString();
    }

    private sealed class JsonElementComparer : IEqualityComparer<JsonElement>
    {
        public static readonly JsonElementComparer Instance = new();

        public bool Equals(JsonElement x, JsonElement y) => JsonElement.DeepEquals(x, y);

        // Kind only: deep equality ignores member order and number spelling, so a finer hash
        // would have to normalise both; collections hash by keys anyway.
        public int GetHashCode(JsonElement obj) => (int)obj.ValueKind;
    }
}

/// <summary>Deep wrappers for nested collections, so that equality reaches the innermost values.</summary>
internal static class ValueCollections
{
    public static IReadOnlyList<IReadOnlyDictionary<string, TValue>> ListOfMaps<TValue>(IEnumerable<IReadOnlyDictionary<string, TValue>>? items) =>
        items is null or ValueList<IReadOnlyDictionary<string, TValue>> ? ValueList<IReadOnlyDictionary<string, TValue>>.From(items) : ValueList<IReadOnlyDictionary<string, TValue>>.From(items.Select(ValueMap<TValue>.From));

    public static IReadOnlyDictionary<string, IReadOnlyList<TValue>> MapOfLists<TValue>(IEnumerable<KeyValuePair<string, IReadOnlyList<TValue>>>? items) =>
        items is null or ValueMap<IReadOnlyList<TValue>> ? ValueMap<IReadOnlyList<TValue>>.From(items) : ValueMap<IReadOnlyList<TValue>>.From(items.Select(p => KeyValuePair.Create(p.Key, ValueList<TValue>.From(p.Value))));

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, TValue>> MapOfMaps<TValue>(IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, TValue>>>? items) =>
        items is null or ValueMap<IReadOnlyDictionary<string, TValue>> ? ValueMap<IReadOnlyDictionary<string, TValue>>.From(items) : ValueMap<IReadOnlyDictionary<string, TValue>>.From(items.Select(p => KeyValuePair.Create(p.Key, ValueMap<TValue>.From(p.Value))));
}
