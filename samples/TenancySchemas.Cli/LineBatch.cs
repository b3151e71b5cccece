
namespace TenancySchemas.Cli;

/// <summary>
/// A batch of NDJSON lines copied out of the reader's buffer. A worker reads, validates and formats all of its lines
/// (<see cref="Process"/>) into the batch's own output; the reading thread then copies that output to standard output
/// in input order (<see cref="CopyTo"/>) and reuses the batch.
/// </summary>
internal sealed class LineBatch : IDisposable
{
    // A batch is full at this many bytes of lines, whatever their count, so that the batches in flight hold a bounded
    // amount of input even when every line is near the size limit.
    private const int FullBytes = 1 << 20;

    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly long[] _lines;
    private readonly DocumentOutcome?[] _outcomes;
    private readonly DocumentRead[] _reads;
    private readonly string?[] _errors;
    private readonly ResultWriter _output;
    private byte[] _bytes = new byte[FullBytes];
    private int _used;
    private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;

    public LineBatch(int capacity, OutputFormat format, bool colour)
    {
        _starts = new int[capacity];
        _lengths = new int[capacity];
        _lines = new long[capacity];
        _outcomes = new DocumentOutcome?[capacity];
        _reads = new DocumentRead[capacity];
        _errors = new string?[capacity];
        _output = ResultWriter.Held(format, colour);
    }

    /// <summary>Gets the signal that <see cref="Process"/> has finished with this batch.</summary>
    public ManualResetEventSlim Processed { get; } = new();

    public int Count { get; private set; }

    public bool IsFull => Count == _lines.Length || _used >= FullBytes;

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

    /// <summary>Adds a line read already (one over the size limit, refused on the reading thread, which holds its beginning).</summary>
    public void Add(long line, DocumentRead read)
    {
        _lines[Count] = line;
        _lengths[Count] = -1;
        _reads[Count] = read;
        Count++;
    }

    /// <summary>
    /// On a worker: every line is read first, then every read line validated, then every outcome formatted (running
    /// one step's code many times in a row is faster than alternating the steps for every line). A line whose schema
    /// cannot be read (its schema cannot be told) gets no outcome but an error. An exception is kept for the reading
    /// thread to rethrow.
    /// </summary>
    public void Process(string name, Func<Memory<byte>, DocumentRead> read)
    {
        try
        {
            for (var i = 0; i < Count; i++)
            {
                if (_lengths[i] >= 0)
                {
                    _reads[i] = read(new Memory<byte>(_bytes, _starts[i], _lengths[i]));
                }
            }

            for (var i = 0; i < Count; i++)
            {
                var (entry, document, context, error) = _reads[i];
                _reads[i] = default;
                _outcomes[i] = entry?.Finish(document!, context);
                _errors[i] = error;
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
    /// line that could not be validated through <paramref name="error"/> (its number, why), and empties the batch for reuse.
    /// </summary>
    /// <returns>The number of lines that could not be validated.</returns>
    public int CopyTo(ResultWriter writer, Action<long, string> error)
    {
        Processed.Wait();
        _failure?.Throw();
        writer.Append(_output);
        var missing = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_outcomes[i] is null)
            {
                error(_lines[i], _errors[i]!);
                missing++;
            }
        }

        Array.Clear(_outcomes, 0, Count);
        Array.Clear(_errors, 0, Count);
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
