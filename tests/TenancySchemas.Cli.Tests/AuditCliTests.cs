using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace TenancySchemas.Cli.Tests;

/// <summary>
/// The CLI's audit log: written by one writer at a time, authenticated with a key file, checkpointed to a second file,
/// verified by <c>audit verify</c>, and an audit failure ends the run with exit code 3 and one line.
/// </summary>
[Collection("Console culture")]
public sealed class AuditCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tenancy-cli-audit-").FullName;

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private static string ValidAlertLine => JsonNode.Parse(File.ReadAllText(Sample("alert.trial.valid.json")))!.ToJsonString();

    private static (int Exit, string Output, string Error) Run(params string[] args) => Run(new MemoryStream(), args);

    private static (int Exit, string Output, string Error) Run(Stream input, params string[] args)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var exit = CliApp.Run(args, new CliStreams(input, output, error, OutputIsTerminal: false, ErrorIsTerminal: false));
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private string Path_(string name) => Path.Combine(_folder, name);

    private string Key(string name = "audit.key")
    {
        var path = Path_(name);
        File.WriteAllText(path, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");
        return path;
    }

    [Fact]
    public void A_keyed_run_verifies_with_its_key_and_checkpoints_and_a_tampered_log_does_not()
    {
        var (log, key, checkpoints) = (Path_("audit.clef"), Key(), Path_("audit.checkpoints"));
        Run("validate", Sample("alert.trial.valid.json"), Sample("alert.trial.invalid.json"), "--audit-log", log, "--audit-key-file", key, "--audit-checkpoint-file", checkpoints)
            .Exit.Should().Be(1);

        var (exit, output, _) = Run("audit", "verify", "--key-file", key, "--checkpoint", checkpoints, log);
        exit.Should().Be(0);
        output.Should().StartWith("intact and authenticated: 2 record(s) and 1 checkpoint(s) in 1 chain(s)");
        File.ReadAllLines(checkpoints).Should().ContainSingle().Which.Should().Contain("\"Final\":true");

        File.WriteAllText(log, File.ReadAllText(log).Replace("\"invalid\"", "\"valid\"", StringComparison.Ordinal));
        var tampered = Run("audit", "verify", "--key-file", key, "--checkpoint", checkpoints, log);
        tampered.Exit.Should().Be(1);
        tampered.Output.Should().StartWith("broken: 1 problem(s)").And.Contain("modified: line 2: record 2 of chain");
    }

    [Fact]
    public void Without_a_key_the_log_is_intact_but_said_to_be_unauthenticated()
    {
        var log = Path_("audit.clef");
        Run("validate", Sample("alert.trial.valid.json"), "--audit-log", log).Exit.Should().Be(0);

        var (exit, output, _) = Run("audit", "verify", log);

        exit.Should().Be(0);
        output.Should().Contain("intact but NOT authenticated: 1 record(s) and 1 checkpoint(s)").And.Contain("anyone who can edit the log can recompute");
    }

    [Fact]
    public void Verify_reports_a_wrong_key_a_cut_log_and_an_empty_one_with_exit_code_1_and_unreadable_files_with_2()
    {
        var (log, key, other) = (Path_("audit.clef"), Key(), Key("other.key"));
        Run("validate", Sample("alert.trial.valid.json"), Sample("alert.trial.invalid.json"), "--audit-log", log, "--audit-key-file", key).Exit.Should().Be(1);
        var cut = Path_("cut.clef");
        File.WriteAllLines(cut, File.ReadAllLines(log).Take(1));
        var empty = Path_("empty.clef");
        File.WriteAllText(empty, string.Empty);

        Run("audit", "verify", "--key-file", other, log).Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 1 && r.Output.Contains("wrong key: line 1: chain"));
        Run("audit", "verify", "--key-file", key, cut).Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 1 && r.Output.Contains("truncated: line 1:"));
        Run("audit", "verify", "--key-file", key, "--allow-open", cut).Exit.Should().Be(0);
        Run("audit", "verify", "--key-file", key, empty).Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 1 && r.Output.Contains("empty: the log holds no audit record"));
        Run("audit", "verify", Path_("none.clef")).Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.StartsWith("error: cannot read", StringComparison.Ordinal));
        Run("audit", "verify", "--key-file", Path_("none.key"), log).Exit.Should().Be(2);
    }

    [Fact]
    public void Verify_prints_a_long_chain_made_up_under_the_genuine_key_id_once_and_the_modified_record_after_it()
    {
        // 250 records in one run, made up again under a new chain id with plain SHA-256 and the genuine key id; then a
        // second run whose invalid record was made valid in place.
        var (run, other, key) = (Path_("long.clef"), Path_("short.clef"), Key());
        var documents = string.Concat(Enumerable.Repeat(ValidAlertLine + "\n", 250));
        Run(new MemoryStream(Encoding.UTF8.GetBytes(documents)), "--audit-log", run, "--audit-key-file", key, "validate", "-", "--ndjson", "--schema", "alert", "--tier", "trial")
            .Exit.Should().Be(0);
        Run("validate", Sample("alert.trial.valid.json"), Sample("alert.trial.invalid.json"), "--audit-log", other, "--audit-key-file", key).Exit.Should().Be(1);
        const string madeUpChain = "0123456789abcdef0123456789abcdef";
        var madeUp = TenancySchemas.Tests.Auditing.Attacker.Recompute(
            TenancySchemas.Tests.Auditing.Attacker.Edit(File.ReadAllLines(run), _ => true, e => e["ChainId"] = madeUpChain));
        var modified = File.ReadAllLines(other).Select(l => l.Replace("\"Outcome\":\"invalid\"", "\"Outcome\":\"valid\"", StringComparison.Ordinal)).ToList();
        var otherChain = JsonNode.Parse(modified[0])!["ChainId"]!.GetValue<string>();
        var log = Path_("forged.clef");
        File.WriteAllLines(log, [.. madeUp, .. modified]);

        var (exit, output, _) = Run("audit", "verify", "--key-file", key, log);

        exit.Should().Be(1);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().SatisfyRespectively(
            line => line.Should().StartWith($"broken: 2 problem(s); 252 record(s) and 2 checkpoint(s) in 2 chain(s)"),
            line => line.Should().Be($"  fabricated: line 1: chain {madeUpChain} was made up: none of its {madeUp.Count} entries authenticates with the key"),
            line => line.Should().Be($"  modified: line {madeUp.Count + 2}: record 2 of chain {otherChain} was changed: its MAC does not match its content"));
    }

    [Theory]
    [InlineData("not base64 at all!", "does not hold a base64 key")]
    [InlineData("c2hvcnQ=", "An audit key has 32 to 1024 bytes; this one has 5")]
    public void A_bad_key_file_is_a_usage_error_that_never_shows_its_content(string content, string message)
    {
        var key = Path_("bad.key");
        File.WriteAllText(key, content);

        var (exit, output, error) = Run("validate", Sample("alert.trial.valid.json"), "--audit-log", Path_("audit.clef"), "--audit-key-file", key);

        (exit, output).Should().Be((2, string.Empty));
        error.Should().Contain(message).And.NotContain(content);
        Run("validate", Sample("alert.trial.valid.json"), "--audit-key-file", key).Error.Should().Contain("need --audit-log");
    }

    [Fact]
    public void A_full_disk_ends_the_run_with_exit_code_3_and_one_line_naming_the_first_error()
    {
        if (!File.Exists("/dev/full"))
        {
            return;
        }

        var (exit, _, error) = Run("validate", Sample("alert.trial.valid.json"), Sample("alert.trial.invalid.json"), "--audit-log", "/dev/full");

        exit.Should().Be(3);
        error.Should().Be("error: audit log '/dev/full' could not be written: No space left on device : '/dev/full'" + Environment.NewLine);
    }

    [Fact]
    public void A_checkpoint_file_on_a_full_disk_ends_the_run_with_exit_code_3_and_a_line_naming_the_checkpoint_file()
    {
        if (!File.Exists("/dev/full"))
        {
            return;
        }

        var (exit, _, error) = Run("validate", Sample("alert.trial.valid.json"), "--audit-log", Path_("audit.clef"), "--audit-checkpoint-file", "/dev/full");

        exit.Should().Be(3);
        error.Should().Be("error: audit checkpoint file '/dev/full' could not be written: No space left on device : '/dev/full'" + Environment.NewLine);
    }

    [Fact]
    public void A_checkpoint_file_that_cannot_be_opened_is_named_as_the_checkpoint_file()
    {
        var (exit, output, error) = Run("validate", Sample("alert.trial.valid.json"), "--audit-log", Path_("audit.clef"), "--audit-checkpoint-file", Path_("no/such/folder/checkpoints"));

        (exit, output).Should().Be((3, string.Empty));
        error.Should().StartWith($"error: audit checkpoint file: cannot open '{Path_("no/such/folder/checkpoints")}'").And.NotContain("   at ");
        error.TrimEnd().Should().NotContain("\n");
    }

    [Fact]
    public void An_audit_log_that_cannot_be_opened_ends_the_run_at_start_with_exit_code_3()
    {
        var (exit, output, error) = Run("validate", Sample("alert.trial.valid.json"), "--audit-log", Path_("no/such/folder/audit.clef"));

        (exit, output).Should().Be((3, string.Empty));
        error.Should().StartWith("error: audit log: cannot open '").And.NotContain("   at ");
        error.TrimEnd().Should().NotContain("\n");
    }

    [Fact]
    public async Task A_second_session_in_the_same_process_cannot_open_the_log_while_the_first_writes_it()
    {
        var log = Path_("shared.clef");
        using var input = new GatedInput(ValidAlertLine + "\n");
        var first = Task.Run(() => Run(input, "--audit-log", log, "validate", "-", "--ndjson", "--schema", "alert", "--tier", "trial"));
        input.Reading.Wait();

        var (exit, output, error) = Run("--audit-log", log, "validate", Sample("alert.trial.valid.json"));
        input.Release();
        var firstRun = await first;

        (exit, output).Should().Be((3, string.Empty));
        error.Should().Be($"error: audit log: '{log}' is in use by another writer (one writer per audit file)" + Environment.NewLine);
        firstRun.Exit.Should().Be(0);
        Run("audit", "verify", log).Output.Should().StartWith("intact but NOT authenticated: 1 record(s) and 1 checkpoint(s) in 1 chain(s)");
    }

    [Fact]
    public void A_second_process_cannot_open_the_log_while_the_first_writes_it()
    {
        var log = Path_("shared.clef");
        using var first = Cli("--audit-log", log, "validate", "-", "--ndjson", "--schema", "alert", "--tier", "trial");

        // Blank lines are skipped. The pipe holds 64 KiB: once 1 MiB has been written the first process is reading
        // its input, which it does only after it opened the audit log.
        first.StandardInput.Write(new string('\n', 1 << 20));
        first.StandardInput.Flush();
        using var second = Cli("--audit-log", log, "validate", Sample("alert.trial.valid.json"));
        second.StandardInput.Close();
        var secondError = second.StandardError.ReadToEnd();
        second.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue();
        first.StandardInput.WriteLine(ValidAlertLine);
        first.StandardInput.Close();
        var firstOutput = first.StandardOutput.ReadToEnd();
        first.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue();

        second.ExitCode.Should().Be(3);
        secondError.Should().Be($"error: audit log: '{log}' is in use by another writer (one writer per audit file){Environment.NewLine}");
        first.ExitCode.Should().Be(0, firstOutput);
        Run("audit", "verify", log).Output.Should().StartWith("intact but NOT authenticated: 1 record(s) and 1 checkpoint(s) in 1 chain(s)");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Process Cli(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tenancy-schemas.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
    }

    /// <summary>Standard input that signals its first read and then waits to be released before it gives its content.</summary>
    private sealed class GatedInput(string content) : Stream
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly MemoryStream _content = new(Encoding.UTF8.GetBytes(content));

        public ManualResetEventSlim Reading { get; } = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Release() => _released.Set();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reading.Set();
            _released.Wait();
            return _content.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _released.Dispose();
                _content.Dispose();
                Reading.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
