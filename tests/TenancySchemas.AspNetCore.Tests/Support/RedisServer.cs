using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace TenancySchemas.AspNetCore.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> of the test's own on 127.0.0.1 and a free port, without persistence, started when made
/// and stopped by its process id when disposed (or by <see cref="Stop"/>, to test an outage).
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private const int ReadinessPolls = 400;
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Gets the StackExchange.Redis configuration of this server, with short timeouts for tests.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=2000,asyncTimeout=2000,syncTimeout=2000";

    /// <summary>Why a test that needs a server is skipped on a machine without one (CI installs it, so it runs there).</summary>
    public const string NotInstalled = "redis-server is not installed: apt-get install -y redis-server (.ci/run installs it when missing).";

    /// <summary>Gets a value indicating whether <c>redis-server</c> is on the PATH.</summary>
    public static bool IsInstalled => Executable() is not null;

    public static RedisServer Start()
    {
        Skip.IfNot(IsInstalled, NotInstalled);
        var executable = Executable()!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", Path.GetTempPath() })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += static (_, _) => { };
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (Answers(process, port))
            {
                return new RedisServer(process, port);
            }

            // Most likely another process took the port between the probe and the start: try another one.
            Kill(process);
            process.Dispose();
        }

        throw new InvalidOperationException("redis-server did not start on a free port in five attempts.");
    }

    /// <summary>Stops the server (an outage, as far as its clients can tell).</summary>
    public void Stop() => Kill(_process);

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
    }

    private static string? Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Polls PING until +PONG; the pause between polls is a wait for the process to exit, so a server that dies is seen at once.
    private static bool Answers(Process process, int port)
    {
        for (var poll = 0; poll < ReadinessPolls; poll++)
        {
            if (process.WaitForExit(25))
            {
                return false;
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                using var stream = client.GetStream();
                stream.Write("PING\r\n"u8);
                var reply = new byte[7];
                var read = stream.Read(reply);
                if (Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (IOException)
            {
                // Still loading.
            }
        }

        return false;
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
    }
}

/// <summary>One redis-server shared by the tests of a class (each test keys its own tenants under its own prefix).</summary>
public sealed class RedisFixture : IDisposable
{
    // Started by the first test that asks, so that a machine without redis-server skips those tests instead of failing the class.
    private readonly Lazy<RedisServer> _server = new(RedisServer.Start);

    internal RedisServer Server
    {
        get
        {
            Skip.IfNot(RedisServer.IsInstalled, RedisServer.NotInstalled);
            return _server.Value;
        }
    }

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}
