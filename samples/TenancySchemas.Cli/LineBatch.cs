using TenancySchemas.Validation;

namespace TenancySchemas.Cli;

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
