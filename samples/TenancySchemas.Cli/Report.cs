using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluentValidation;

namespace TenancySchemas.Cli;

internal static class ExitCodes
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    /// <summary>The audit log could not be opened or written: the run's results are not fully audited.</summary>
    public const int Audit = 3;
}

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    /// <summary>Per document "valid" or each failure (path, code, message), coloured on a terminal, then a summary line.</summary>
    Text,

    /// <summary>One JSON object per document and line: <c>{"document", "line"?, "valid", "errors": [{path, code, severity, message}]}</c>.</summary>
    Json,
}

/// <summary>Writes one result per document to standard output, in text or JSON Lines; counts outcomes.</summary>
internal sealed class ResultWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly OutputFormat _format;
    private readonly bool _colour;
    private readonly Stream _output;
    private readonly MemoryStream? _held;
    private readonly StreamWriter? _text;
    private readonly Utf8JsonWriter? _json;

    public ResultWriter(Stream output, OutputFormat format, bool colour)
        : this(new BufferedStream(output, 1 << 16), null, format, colour)
    {
    }

    private ResultWriter(Stream output, MemoryStream? held, OutputFormat format, bool colour)
    {
        _format = format;
        _colour = colour && format == OutputFormat.Text;
        _output = output;
        _held = held;
        if (format == OutputFormat.Text)
        {
            _text = new StreamWriter(_output, Utf8, 1 << 16, leaveOpen: true);
        }
        else
        {
            // Messages keep their accents readable (é, ü) rather than \u escapes; the output is UTF-8.
            _json = new Utf8JsonWriter(_output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
    }

    public int Valid { get; private set; }

    public int Invalid { get; private set; }

    public void Document(string name, long? line, DocumentOutcome outcome)
    {
        if (outcome.IsValid)
        {
            Valid++;
        }
        else
        {
            Invalid++;
        }

        if (_text is not null)
        {
            var label = line is { } n ? $"{name}:{n}" : name;
            _text.WriteLine(outcome.IsValid ? $"{Paint("✓", 32)} {label}: valid" : $"{Paint("✗", 31)} {label}: invalid");
            foreach (var failure in outcome.Failures)
            {
                var severity = failure.Severity == Severity.Error ? Paint("error", 31) : Paint(failure.Severity.ToString().ToLowerInvariant(), 33);
                _text.WriteLine($"    {severity} {failure.PropertyName} [{failure.ErrorCode}] {failure.ErrorMessage}");
            }

            return;
        }

        var json = _json!;
        json.WriteStartObject();
        json.WriteString("document"u8, name);
        if (line is { } number)
        {
            json.WriteNumber("line"u8, number);
        }

        json.WriteBoolean("valid"u8, outcome.IsValid);
        json.WriteStartArray("errors"u8);
        foreach (var failure in outcome.Failures)
        {
            json.WriteStartObject();
            json.WriteString("path"u8, failure.PropertyName);
            json.WriteString("code"u8, failure.ErrorCode);
            json.WriteString("severity"u8, failure.Severity == Severity.Error ? "error"u8 : failure.Severity == Severity.Warning ? "warning"u8 : "info"u8);
            json.WriteString("message"u8, failure.ErrorMessage);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        _output.WriteByte((byte)'\n');
    }

    /// <summary>A writer that holds its results in memory until <see cref="Append"/> takes them (an NDJSON batch's, on a worker).</summary>
    public static ResultWriter Held(OutputFormat format, bool colour)
    {
        var held = new MemoryStream();
        return new ResultWriter(held, held, format, colour);
    }

    /// <summary>Writes what a <see cref="Held"/> writer holds, takes over its counts and empties it for reuse.</summary>
    public void Append(ResultWriter held)
    {
        var source = held._held ?? throw new ArgumentException("Only a held writer's results can be appended.", nameof(held));
        held.Flush();
        _text?.Flush();
        _json?.Flush();
        _output.Write(source.GetBuffer(), 0, (int)source.Length);
        source.SetLength(0);
        Valid += held.Valid;
        Invalid += held.Invalid;
        held.Valid = 0;
        held.Invalid = 0;
    }

    /// <summary>The summary line: on standard output for text, on standard error for JSON (stdout stays pure JSON Lines).</summary>
    public void Summary(TextWriter error)
    {
        var line = $"{Valid + Invalid} document(s): {Valid} valid, {Invalid} invalid";
        if (_text is not null)
        {
            _text.WriteLine(line);
        }
        else
        {
            Flush();
            error.WriteLine(line);
        }
    }

    public void Flush()
    {
        _text?.Flush();
        _json?.Flush();
        _output.Flush();
    }

    public void Dispose()
    {
        Flush();
        _text?.Dispose();
        _json?.Dispose();

        // The buffer is flushed, not disposed: disposing it would close standard output for the rest of the run.
    }

    private string Paint(string text, int code) => _colour ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
