using System.Buffers;
using System.Runtime.CompilerServices;

namespace TenancySchemas.Json;

/// <summary>
/// Collects the items of a JSON array in a pooled buffer and hands them out as an array of exactly their number. A
/// <see cref="List{T}"/> would be allocated and grown while reading, and the record's setter would then copy it into
/// its own array; this way the array the record keeps is the only one allocated. Dispose returns the buffer (also when
/// the reader refuses the array half-way).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal struct ItemBuffer<T> : IDisposable
{
    private T[] _buffer;
    private int _count;

    private ItemBuffer(T[] buffer) => _buffer = buffer;

    public static ItemBuffer<T> Rent() => new(ArrayPool<T>.Shared.Rent(16));

    public void Add(T item)
    {
        if (_count == _buffer.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _count).CopyTo(larger);
            Return();
            _buffer = larger;
        }

        _buffer[_count++] = item;
    }

    public readonly T[] ToArray() => _buffer.AsSpan(0, _count).ToArray();

    public void Dispose()
    {
        if (_buffer is not null)
        {
            Return();
            _buffer = null!;
        }
    }

    // Items are cleared first: a pooled buffer must not keep a document's strings alive (or hand them to its next user).
    private readonly void Return()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _buffer.AsSpan(0, _count).Clear();
        }

        ArrayPool<T>.Shared.Return(_buffer);
    }
}
