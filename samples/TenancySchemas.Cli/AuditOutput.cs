using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using TenancySchemas.Auditing;

namespace TenancySchemas.Cli;

/// <summary>The audit options of a run: the log, the key file, the checkpoint file.</summary>
/// <param name="Log">The audit log (<c>--audit-log</c>), or <see langword="null"/> for no auditing.</param>
/// <param name="KeyFile">The key file (<c>--audit-key-file</c>), or <see langword="null"/> for an unauthenticated chain.</param>
/// <param name="CheckpointFile">Where checkpoints are also kept (<c>--audit-checkpoint-file</c>), if anywhere.</param>
internal sealed record AuditSettings(string? Log, string? KeyFile, string? CheckpointFile);

/// <summary>
/// A run's audit output: the log, opened for this process alone, a Serilog logger whose <c>AuditTo</c> sink writes it,
/// the optional checkpoint file, and the first error any of them met (the one the run reports).
/// </summary>
internal sealed class AuditOutput : IDisposable
{
    private readonly ExclusiveFile _log;
    private readonly ExclusiveFile? _checkpoints;
    private readonly Logger _logger;
    private bool _disposed;

    private AuditOutput(ExclusiveFile log, ExclusiveFile? checkpoints, AuditKey? key)
    {
        _log = log;
        _checkpoints = checkpoints;
        Key = key;
        _logger = new LoggerConfiguration().AuditTo.Sink(new ClefSink(this)).CreateLogger();
        Store = checkpoints is null ? null : new CheckpointFileStore(this);
    }

    public AuditKey? Key { get; }

    public ILogger Logger => _logger;

    public IAuditCheckpointStore? Store { get; }

    /// <summary>Gets the first error met writing the log or the checkpoints: later ones (while closing) follow from it.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Gets the file <see cref="Failure"/> was met on: the log or the checkpoint file.</summary>
    public ExclusiveFile? FailedFile { get; private set; }

    /// <summary>
    /// Opens the log (and checkpoint file) for appending, exclusively: a second writer, in this process or another,
    /// fails here instead of interleaving its lines. On Linux and macOS .NET takes an advisory lock (flock) that every
    /// .NET process honours; other programs appending to the file are not stopped.
    /// </summary>
    /// <exception cref="UsageException">The key file cannot be read.</exception>
    /// <exception cref="AuditOpenException">The log or checkpoint file cannot be opened.</exception>
    public static AuditOutput? Open(AuditSettings settings)
    {
        if (settings.Log is null)
        {
            if (settings.KeyFile is not null || settings.CheckpointFile is not null)
            {
                throw new UsageException("--audit-key-file and --audit-checkpoint-file need --audit-log.");
            }

            return null;
        }

        var key = settings.KeyFile is null ? null : AuditKeyFile.Read(settings.KeyFile, "--audit-key-file");
        var log = ExclusiveFile.Open(settings.Log, "audit log");
        try
        {
            var checkpoints = settings.CheckpointFile is null ? null : ExclusiveFile.Open(settings.CheckpointFile, "audit checkpoint file");
            return new AuditOutput(log, checkpoints, key);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>Closes the files; an error doing so is kept as <see cref="Failure"/> if it is the first.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _logger.Dispose();
        Close(_log);
        if (_checkpoints is not null)
        {
            Close(_checkpoints);
        }

        void Close(ExclusiveFile file)
        {
            try
            {
                file.Dispose();
            }
            catch (IOException exception)
            {
                Fail(file, exception);
            }
        }
    }

    private void Write(ExclusiveFile file, Action<TextWriter> write)
    {
        try
        {
            file.Write(write);
        }
        catch (Exception exception)
        {
            Fail(file, exception);
            throw;
        }
    }

    private void Fail(ExclusiveFile file, Exception exception)
    {
        if (Failure is null)
        {
            Failure = exception;
            FailedFile = file;
        }
    }

    /// <summary>Writes each event as one CLEF line, flushed at once, so that a full disk fails the validation it audits.</summary>
    private sealed class ClefSink(AuditOutput output) : ILogEventSink
    {
        private readonly CompactJsonFormatter _formatter = new();

        public void Emit(LogEvent logEvent) => output.Write(output._log, writer => _formatter.Format(logEvent, writer));
    }

    private sealed class CheckpointFileStore(AuditOutput output) : IAuditCheckpointStore
    {
        public void Save(AuditCheckpoint checkpoint) => output.Write(output._checkpoints!, writer => writer.WriteLine(checkpoint.ToJson()));
    }
}

/// <summary>A file opened for appending by this writer alone (<see cref="FileShare.None"/>).</summary>
internal sealed class ExclusiveFile : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;

    private ExclusiveFile(string path, string label, FileStream stream)
    {
        Path = path;
        Label = label;
        _writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public string Path { get; }

    /// <summary>Gets what the file is, as errors name it (<c>audit log</c>, <c>audit checkpoint file</c>).</summary>
    public string Label { get; }

    /// <exception cref="AuditOpenException">The file is in use by another writer, or cannot be opened.</exception>
    public static ExclusiveFile Open(string path, string label)
    {
        try
        {
            // No FileStream buffer: the writer's own is flushed after every event.
            return new ExclusiveFile(path, label, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0));
        }
        catch (IOException exception) when (IsSharingViolation(exception))
        {
            throw new AuditOpenException(label, $"'{path}' is in use by another writer (one writer per audit file)", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new AuditOpenException(label, $"cannot open '{path}': {exception.Message}", exception);
        }
    }

    public void Write(Action<TextWriter> write)
    {
        lock (_gate)
        {
            write(_writer);
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    // EWOULDBLOCK from flock on Linux and macOS (11 and 35), ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.
    private static bool IsSharingViolation(IOException exception) =>
        exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (exception.HResult is 11 or 35 || (exception.HResult & 0xFFFF) is 32 or 33);
}

/// <summary>The audit log or checkpoint file (<paramref name="file"/>) could not be opened: exit code 3 with this message.</summary>
internal sealed class AuditOpenException(string file, string message, Exception inner) : Exception(message, inner)
{
    /// <summary>Gets what could not be opened (<c>audit log</c>, <c>audit checkpoint file</c>).</summary>
    public string File { get; } = file;
}

/// <summary>Reads an audit key file: the key in base64 (at least 32 bytes once decoded), as <c>openssl rand -base64 32</c> writes it.</summary>
internal static class AuditKeyFile
{
    private const int LongestFile = 8 * 1024;

    /// <exception cref="UsageException">The file cannot be read or holds no valid key; the message never shows the file's content.</exception>
    public static AuditKey Read(string path, string option)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > LongestFile)
            {
                throw new UsageException($"{option} '{path}' is longer than {LongestFile} bytes; it should hold one base64 key.");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {option} '{path}': {exception.Message}");
        }

        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), bytes, out var length))
        {
            throw new UsageException($"{option} '{path}' does not hold a base64 key (create one with: openssl rand -base64 32 > {System.IO.Path.GetFileName(path)}).");
        }

        try
        {
            return AuditKey.FromBytes(bytes.AsSpan(0, length));
        }
        catch (ArgumentException exception)
        {
            throw new UsageException($"{option} '{path}': {exception.Message}");
        }
        finally
        {
            Array.Clear(bytes);
        }
    }
}
