using System.Net;
using System.Net.Sockets;

namespace TenancySchemas.Isolation;

/// <summary>
/// The connect-time half of the URL guard, for the <see cref="HttpClient"/> that delivers to tenants' URLs (webhooks,
/// callbacks, integration endpoints). Validation judges a URL as written and cannot see DNS; this handler resolves the
/// host itself, refuses to connect when any address it resolves to is in a class the isolation level forbids (the same
/// table validation uses: loopback, link-local, metadata and unspecified addresses from moderate; every block that is
/// not globally reachable at strict; IPv4 embedded in IPv6 judged too), and connects to the address it vetted, so a
/// second DNS answer cannot slip in between the check and the connection. Redirects are checked too: each hop connects
/// through the same callback.
/// </summary>
/// <remarks>
/// Use one isolation level for validation and delivery: <c>AddHttpClient("webhooks").AddIsolationConnectGuard()</c>
/// takes the one of <see cref="TenancySchemaOptions.IsolationLevel"/>. The guarded handler connects directly: a proxy
/// would resolve and connect on the guard's behalf, so <see cref="SocketsHttpHandler.UseProxy"/> is turned off; an app
/// that must deliver through a proxy has to enforce the policy there. A refusal surfaces as an
/// <see cref="HttpRequestException"/> whose <see cref="Exception.InnerException"/> is an
/// <see cref="EndpointRefusedException"/>.
/// </remarks>
public static class IsolationConnectGuard
{
    /// <summary>Creates a <see cref="SocketsHttpHandler"/> that connects only to addresses <paramref name="level"/> allows.</summary>
    /// <param name="level">The isolation level whose forbidden address classes are refused; <see cref="IsolationLevel.Basic"/> refuses none.</param>
    /// <param name="allowedNetworks">
    /// Networks connected to even though the level forbids them (an internal relay the app trusts), or
    /// <see langword="null"/> for none.
    /// </param>
    /// <returns>The handler, to pass to <see cref="HttpClient(HttpMessageHandler)"/> or return from a primary-handler factory.</returns>
    public static SocketsHttpHandler CreateHandler(IsolationLevel level, IEnumerable<IPNetwork>? allowedNetworks = null) =>
        new SocketsHttpHandler().UseIsolationConnectGuard(level, allowedNetworks);

    /// <summary>
    /// Makes <paramref name="handler"/> connect only to addresses <paramref name="level"/> allows: sets its
    /// <see cref="SocketsHttpHandler.ConnectCallback"/> and turns its proxy off.
    /// </summary>
    /// <param name="handler">The handler to guard; its other settings are kept.</param>
    /// <param name="level">The isolation level whose forbidden address classes are refused; <see cref="IsolationLevel.Basic"/> refuses none.</param>
    /// <param name="allowedNetworks">Networks connected to even though the level forbids them, or <see langword="null"/> for none.</param>
    /// <returns><paramref name="handler"/>.</returns>
    public static SocketsHttpHandler UseIsolationConnectGuard(this SocketsHttpHandler handler, IsolationLevel level, IEnumerable<IPNetwork>? allowedNetworks = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Not an isolation level.");
        }

        IPNetwork[] allowed = allowedNetworks is null ? [] : [.. allowedNetworks];
        handler.UseProxy = false;
        handler.ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, level, allowed, cancellationToken);
        return handler;
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, IsolationLevel level, IPNetwork[] allowed, CancellationToken cancellationToken)
    {
        // The handler passes the IDN-mapped host (１２７.０.０.１ arrives as 127.0.0.1); a literal is not looked up.
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // Any forbidden answer refuses the host: a name that resolves to a public and a private address is not public.
        foreach (var address in addresses)
        {
            if (EndpointPolicy.IsForbidden(address, level) && !allowed.Any(network => network.Contains(address)))
            {
                throw new EndpointRefusedException(endpoint.Host, address, level);
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
