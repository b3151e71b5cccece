using System.Globalization;
using System.Net;
using TenancySchemas.Json;

namespace TenancySchemas.Isolation;

/// <summary>
/// Thrown by the connect-time guard (<see cref="IsolationConnectGuard"/>) when a host resolves to an address the
/// isolation level forbids. No connection was made. <see cref="HttpClient"/> reports it as the
/// <see cref="Exception.InnerException"/> of an <see cref="HttpRequestException"/>; a delivery that meets it should not
/// be retried.
/// </summary>
public sealed class EndpointRefusedException : HttpRequestException
{
    /// <summary>Initializes a new instance of the <see cref="EndpointRefusedException"/> class.</summary>
    public EndpointRefusedException()
        : this("The connection was refused by the isolation level's endpoint policy.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EndpointRefusedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public EndpointRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EndpointRefusedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EndpointRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EndpointRefusedException"/> class for a refused host.</summary>
    /// <param name="host">The host that was to be connected to (a URL's host; never its path or query).</param>
    /// <param name="address">The forbidden address it resolved to.</param>
    /// <param name="level">The isolation level that forbids it.</param>
    public EndpointRefusedException(string host, IPAddress address, IsolationLevel level)
        : base(HttpRequestError.ConnectionError, string.Format(
            CultureInfo.InvariantCulture, "Connecting to {0} was refused: it resolves to {1}, which isolation level {2} forbids.", host, address, level.ToWire()))
    {
        Host = host;
        Address = address;
        IsolationLevel = level;
    }

    /// <summary>Gets the host that was to be connected to.</summary>
    public string? Host { get; }

    /// <summary>Gets the forbidden address the host resolved to.</summary>
    public IPAddress? Address { get; }

    /// <summary>Gets the isolation level that forbids the address.</summary>
    public IsolationLevel? IsolationLevel { get; }
}
