using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Isolation;

namespace TenancySchemas.Tests.Isolation;

/// <summary>
/// The connect-time half of the guard: an <see cref="HttpClient"/> handler that refuses to connect to the address
/// classes the isolation level forbids, tested against a real listener on 127.0.0.1.
/// </summary>
public sealed class IsolationConnectGuardTests
{
    [Theory]
    [InlineData(IsolationLevel.Strict)]
    [InlineData(IsolationLevel.Moderate)]
    public async Task A_listener_on_loopback_is_never_connected_to_under_strict_or_moderate(IsolationLevel level)
    {
        await using var server = LocalServer.Start();
        using var client = new HttpClient(IsolationConnectGuard.CreateHandler(level));

        var refused = await Refusal(client, $"http://127.0.0.1:{server.Port}/hook");

        refused.Address.Should().Be(IPAddress.Loopback);
        refused.Host.Should().Be("127.0.0.1");
        refused.IsolationLevel.Should().Be(level);
        refused.Message.Should().Contain("127.0.0.1").And.Contain(level.ToString().ToLowerInvariant()).And.NotContain("/hook");
        server.Accepted.Should().Be(0);
    }

    [Fact]
    public async Task Under_basic_the_listener_is_connected_to()
    {
        await using var server = LocalServer.Start();
        using var client = new HttpClient(IsolationConnectGuard.CreateHandler(IsolationLevel.Basic));

        (await client.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/"))).Should().Be("ok");
        server.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task An_allowed_network_is_connected_to_under_strict()
    {
        await using var server = LocalServer.Start();
        using var client = new HttpClient(IsolationConnectGuard.CreateHandler(IsolationLevel.Strict, [IPNetwork.Parse("127.0.0.0/8")]));

        (await client.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/"))).Should().Be("ok");
    }

    [Fact]
    public async Task Localhost_is_refused_after_resolution_and_connected_to_under_basic()
    {
        await using var server = LocalServer.Start();
        using var moderate = new HttpClient(IsolationConnectGuard.CreateHandler(IsolationLevel.Moderate));
        using var basic = new HttpClient(IsolationConnectGuard.CreateHandler(IsolationLevel.Basic));

        var refused = await Refusal(moderate, $"http://localhost:{server.Port}/");

        refused.Host.Should().Be("localhost");
        IPAddress.IsLoopback(refused.Address!).Should().BeTrue();
        server.Accepted.Should().Be(0);
        (await basic.GetStringAsync(new Uri($"http://localhost:{server.Port}/"))).Should().Be("ok");
    }

    [Fact]
    public async Task Fullwidth_digits_reach_the_guard_as_the_loopback_address_they_map_to()
    {
        await using var server = LocalServer.Start();
        using var client = new HttpClient(IsolationConnectGuard.CreateHandler(IsolationLevel.Moderate));

        var refused = await Refusal(client, $"http://１２７.０.０.１:{server.Port}/");

        refused.Address.Should().Be(IPAddress.Loopback);
        server.Accepted.Should().Be(0);
    }

    [Fact]
    public async Task A_redirect_to_a_forbidden_address_is_refused_at_its_hop()
    {
        await using var server = LocalServer.Start("HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var client = new HttpClient(IsolationConnectGuard.CreateHandler(IsolationLevel.Moderate, [IPNetwork.Parse("127.0.0.1/32")]));

        var refused = await Refusal(client, $"http://127.0.0.1:{server.Port}/");

        refused.Address.Should().Be(IPAddress.Parse("169.254.169.254"));
        server.Accepted.Should().Be(1);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", IsolationLevel.Moderate)]
    [InlineData("http://[::ffff:169.254.169.254]/", IsolationLevel.Moderate)]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/", IsolationLevel.Moderate)]
    [InlineData("http://[2002:7f00:1::]/", IsolationLevel.Moderate)]
    [InlineData("http://0.0.0.0:9/", IsolationLevel.Moderate)]
    [InlineData("http://[::]:9/", IsolationLevel.Moderate)]
    [InlineData("http://100.100.100.200/", IsolationLevel.Moderate)]
    [InlineData("http://10.0.0.1/", IsolationLevel.Strict)]
    [InlineData("http://[fd00::1]/", IsolationLevel.Strict)]
    [InlineData("http://100.64.0.1/", IsolationLevel.Strict)]
    public async Task The_address_classes_validation_refuses_are_refused_at_connect_time(string url, IsolationLevel level)
    {
        using var client = new HttpClient(IsolationConnectGuard.CreateHandler(level));

        (await Refusal(client, url)).IsolationLevel.Should().Be(level);
    }

    [Fact]
    public async Task An_http_client_from_the_factory_is_guarded_at_the_apps_isolation_level()
    {
        await using var server = LocalServer.Start();
        var url = new Uri($"http://127.0.0.1:{server.Port}/");

        using (var strict = Services(IsolationLevel.Strict))
        {
            var refused = await Refusal(strict.GetRequiredService<IHttpClientFactory>().CreateClient("hooks"), url.ToString());
            refused.IsolationLevel.Should().Be(IsolationLevel.Strict);
        }

        using var basic = Services(IsolationLevel.Basic);
        (await basic.GetRequiredService<IHttpClientFactory>().CreateClient("hooks").GetStringAsync(url)).Should().Be("ok");

        static ServiceProvider Services(IsolationLevel level)
        {
            var services = new ServiceCollection();
            services.AddTenancySchemas(o => o.IsolationLevel = level);
            services.AddHttpClient("hooks").AddIsolationConnectGuard();
            return services.BuildServiceProvider();
        }
    }

    [Fact]
    public void The_guarded_handler_connects_directly_and_keeps_its_other_settings()
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 7 }.UseIsolationConnectGuard(IsolationLevel.Strict);

        handler.UseProxy.Should().BeFalse();
        handler.ConnectCallback.Should().NotBeNull();
        handler.MaxConnectionsPerServer.Should().Be(7);
        var undefined = () => new SocketsHttpHandler().UseIsolationConnectGuard((IsolationLevel)7);
        undefined.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static async Task<EndpointRefusedException> Refusal(HttpClient client, string url)
    {
        var request = () => client.GetAsync(new Uri(url));
        var thrown = await request.Should().ThrowAsync<HttpRequestException>();
        return thrown.Which.InnerException.Should().BeOfType<EndpointRefusedException>().Subject;
    }

    /// <summary>A listener on 127.0.0.1 that answers every connection with one canned response and counts them.</summary>
    private sealed class LocalServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly byte[] _response;
        private readonly Task _loop;
        private int _accepted;

        private LocalServer(string response)
        {
            _response = Encoding.ASCII.GetBytes(response);
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref _accepted);

        public static LocalServer Start(string response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok") => new(response);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The accept loop ends by the listener's stop.
            }

            _listener.Dispose();
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                var stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[1024];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await stream.WriteAsync(_response, _stop.Token);
            }
        }
    }
}
