using System.Text;
using System.Text.Json.Nodes;

namespace TenancySchemas.Cli.Tests;

/// <summary>What a run of the command line gave: its exit code, standard output and standard error.</summary>
internal sealed record CliResult(int Exit, string Output, string Error)
{
    /// <summary>Gets the lines written to standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Gets the JSON Lines written to standard output (<c>--format json</c>).</summary>
    public JsonNode[] Results => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
}

/// <summary>Runs the command line in this process, through <see cref="CliApp.Run"/>, on given standard streams.</summary>
internal static class Cli
{
    public static string Samples => Path.Combine(AppContext.BaseDirectory, "samples");

    public static string Sample(string name) => Path.Combine(Samples, name);

    /// <summary>A bundled sample document on one line.</summary>
    public static string SampleLine(string name) => JsonNode.Parse(File.ReadAllText(Sample(name)))!.ToJsonString();

    /// <summary>A bundled sample document as an object, to change.</summary>
    public static JsonObject SampleObject(string name) => JsonNode.Parse(File.ReadAllText(Sample(name)))!.AsObject();

    public static CliResult Run(params string[] args) => Run(new MemoryStream(), args);

    public static CliResult RunWithInput(string input, params string[] args) => Run(new MemoryStream(Encoding.UTF8.GetBytes(input)), args);

    public static CliResult RunWithInput(byte[] input, params string[] args) => Run(new MemoryStream(input), args);

    public static CliResult Run(Stream input, params string[] args) => Run(input, new MemoryStream(), args);

    public static CliResult Run(Stream input, Stream output, params string[] args)
    {
        var error = new StringWriter();
        var exit = CliApp.Run(args, new CliStreams(input, output, error, OutputIsTerminal: false, ErrorIsTerminal: false));
        return new CliResult(exit, output is MemoryStream memory ? Encoding.UTF8.GetString(memory.ToArray()) : string.Empty, error.ToString());
    }
}

/// <summary>
/// A stream that makes its bytes as they are read: a beginning, then one byte repeated, then an end. It cannot seek
/// (as a pipe cannot) and counts what was read from it, so tests can feed the command line far more than they hold.
/// </summary>
internal sealed class GeneratedStream(byte[] beginning, byte fill, long fillCount, byte[] end) : Stream
{
    private readonly long _length = beginning.Length + fillCount + end.Length;

    public GeneratedStream(string beginning, char fill, long fillCount, string end)
        : this(Encoding.UTF8.GetBytes(beginning), (byte)fill, fillCount, Encoding.UTF8.GetBytes(end))
    {
    }

    /// <summary>Gets how many bytes were read.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _length - BytesRead);
        for (var i = 0; i < count;)
        {
            var position = BytesRead + i;
            if (position < beginning.Length)
            {
                var n = (int)Math.Min(count - i, beginning.Length - position);
                beginning.AsSpan((int)position, n).CopyTo(buffer[i..]);
                i += n;
            }
            else if (position < beginning.Length + fillCount)
            {
                var n = (int)Math.Min(count - i, beginning.Length + fillCount - position);
                buffer.Slice(i, n).Fill(fill);
                i += n;
            }
            else
            {
                var from = (int)(position - beginning.Length - fillCount);
                var n = Math.Min(count - i, end.Length - from);
                end.AsSpan(from, n).CopyTo(buffer[i..]);
                i += n;
            }
        }

        BytesRead += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
