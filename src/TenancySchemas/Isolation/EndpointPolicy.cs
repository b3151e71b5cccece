using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TenancySchemas.Isolation;

/// <summary>
/// The address classes and host names each isolation level forbids as the destination of a URL (<c>docs/security.md</c>): one table of
/// addresses, shared by the URL guard of validation (<see cref="EndpointGuard"/>) and the connect-time guard of delivery
/// (<see cref="IsolationConnectGuard"/>), and one table of names, which only the URL guard needs because it cannot
/// resolve them. Basic forbids nothing; moderate forbids what reaches this machine or a cloud metadata service; strict
/// also forbids every block that is not globally reachable.
/// </summary>
internal static class EndpointPolicy
{
    // Moderate: loopback, link-local (where metadata services live), the unspecified addresses (connecting to them
    // reaches this host) and metadata services outside link-local. Strict: the IANA special-purpose registries' blocks
    // that are not globally reachable, plus multicast and the deprecated site-local and 6to4-relay blocks.
    private static readonly (IPNetwork Network, IsolationLevel From)[] Networks =
    [
        Moderate("127.0.0.0/8"), Moderate("169.254.0.0/16"), Moderate("0.0.0.0/32"), Moderate("::1/128"), Moderate("::/128"), Moderate("fe80::/10"),

        // Alibaba Cloud, AWS (IPv6 IMDS and EKS Pod Identity), Oracle Cloud Classic.
        Moderate("100.100.100.200/32"), Moderate("fd00:ec2::254/128"), Moderate("fd00:ec2::23/128"), Moderate("192.0.0.192/32"),

        Strict("0.0.0.0/8"), Strict("10.0.0.0/8"), Strict("100.64.0.0/10"), Strict("172.16.0.0/12"), Strict("192.0.0.0/24"), Strict("192.0.2.0/24"),
        Strict("192.88.99.0/24"), Strict("192.168.0.0/16"), Strict("198.18.0.0/15"), Strict("198.51.100.0/24"), Strict("203.0.113.0/24"),
        Strict("224.0.0.0/4"), Strict("240.0.0.0/4"),
        Strict("64:ff9b:1::/48"), Strict("100::/64"), Strict("100:0:0:1::/64"), Strict("2001:2::/48"), Strict("2001:db8::/32"), Strict("3fff::/20"), Strict("5f00::/16"),
        Strict("fc00::/7"), Strict("fec0::/10"), Strict("ff00::/8"),
    ];

    // Names that mean this machine (RFC 6761 and the ip6-* aliases of Debian's /etc/hosts).
    private static readonly string[] LoopbackNames = ["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "localhost6", "localhost6.localdomain6"];

    // Cloud metadata services reachable by name from inside an instance.
    private static readonly string[] MetadataNames = ["metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com"];

    // Zones that never hold a public endpoint: RFC 6761/6762 (local, localhost), RFC 8375 (home.arpa; all of .arpa is
    // infrastructure), ICANN's .internal, Kubernetes (svc, cluster.local), the private TLDs of RFC 6762 appendix G.
    private static readonly string[] LoopbackZones = [".localhost"];
    private static readonly string[] InternalZones = [".localdomain", ".internal", ".local", ".arpa", ".svc", ".intranet", ".private", ".corp", ".home", ".lan"];

    /// <summary>
    /// Whether <paramref name="address"/> is forbidden at <paramref name="level"/>, judging every IPv4 address an IPv6
    /// address embeds too (mapped, compatible, SIIT, NAT64, 6to4, Teredo server and client).
    /// </summary>
    public static bool IsForbidden(IPAddress address, IsolationLevel level)
    {
        if (level == IsolationLevel.Basic)
        {
            return false;
        }

        if (InForbiddenNetwork(address, level))
        {
            return true;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        Span<uint> embedded = stackalloc uint[4];
        var count = EmbeddedIPv4(bytes, embedded);
        Span<byte> v4 = stackalloc byte[4];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(v4, embedded[i]);
            if (InForbiddenNetwork(new IPAddress(v4), level))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the host name <paramref name="name"/> (lower case, IDN-mapped, without trailing dots) is forbidden at
    /// <paramref name="level"/>: loopback and metadata names from moderate; internal zones and single-label names at
    /// strict. A name stands for the addresses it resolves to, which only the connect-time guard sees.
    /// </summary>
    public static bool IsForbiddenName(string name, IsolationLevel level)
    {
        if (level == IsolationLevel.Basic)
        {
            return false;
        }

        if (LoopbackNames.Contains(name, StringComparer.Ordinal) || MetadataNames.Contains(name, StringComparer.Ordinal) || InZone(name, LoopbackZones))
        {
            return true;
        }

        return level == IsolationLevel.Strict && (!name.Contains('.', StringComparison.Ordinal) || InZone(name, InternalZones));
    }

    /// <summary>
    /// Writes the IPv4 addresses an IPv6 address carries into <paramref name="found"/> (room for four) and returns how
    /// many: IPv4-mapped <c>::ffff:0:0/96</c>, -compatible <c>::/96</c>, SIIT <c>::ffff:0:0:0/96</c>, NAT64
    /// <c>64:ff9b::/96</c> and <c>64:ff9b:1::/48</c> (every RFC 6052 position a /48 to /96 prefix may use), 6to4
    /// <c>2002::/16</c>, and Teredo <c>2001::/32</c> (its server, and its client stored inverted in the last 32 bits).
    /// </summary>
    internal static int EmbeddedIPv4(ReadOnlySpan<byte> v6, Span<uint> found)
    {
        var last = BinaryPrimitives.ReadUInt32BigEndian(v6[12..]);
        if (v6[..10].IndexOfAnyExcept((byte)0) < 0 && ((v6[10] == 0xff && v6[11] == 0xff) || (v6[10] == 0 && v6[11] == 0)))
        {
            // Mapped or compatible (:: and ::1 included: they are judged as IPv6 as well).
            found[0] = last;
            return 1;
        }

        if (v6[..8].IndexOfAnyExcept((byte)0) < 0 && v6[8] == 0xff && v6[9] == 0xff && v6[10] == 0 && v6[11] == 0)
        {
            found[0] = last;
            return 1;
        }

        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)
        {
            if (v6[4..12].IndexOfAnyExcept((byte)0) < 0)
            {
                found[0] = last;
                return 1;
            }

            if (v6[4] == 0 && v6[5] == 1)
            {
                // RFC 6052 §2.2: the IPv4 address sits after a /48, /56, /64 or /96 prefix, skipping the reserved bits
                // 64-71. Which one the network uses cannot be told, so each is a candidate, except those in 0.0.0.0/8:
                // that is where the prefix's own zero bits land, and no translator forwards to it.
                var count = 0;
                Span<uint> candidates =
                [
                    (uint)(v6[6] << 24 | v6[7] << 16 | v6[9] << 8 | v6[10]),
                    (uint)(v6[7] << 24 | v6[9] << 16 | v6[10] << 8 | v6[11]),
                    BinaryPrimitives.ReadUInt32BigEndian(v6[9..]),
                    last,
                ];
                foreach (var candidate in candidates)
                {
                    if (candidate >> 24 != 0)
                    {
                        found[count++] = candidate;
                    }
                }

                return count;
            }
        }

        if (v6[0] == 0x20 && v6[1] == 0x02)
        {
            found[0] = BinaryPrimitives.ReadUInt32BigEndian(v6[2..]);
            return 1;
        }

        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0)
        {
            found[0] = BinaryPrimitives.ReadUInt32BigEndian(v6[4..]);
            found[1] = ~last;
            return 2;
        }

        return 0;
    }

    private static bool InForbiddenNetwork(IPAddress address, IsolationLevel level)
    {
        foreach (var (network, from) in Networks)
        {
            if ((level == IsolationLevel.Strict || from == IsolationLevel.Moderate) && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InZone(string name, string[] zones)
    {
        foreach (var zone in zones)
        {
            // ".local" matches "printer.local" and "local" alike.
            if (name.EndsWith(zone, StringComparison.Ordinal) || name.AsSpan().SequenceEqual(zone.AsSpan(1)))
            {
                return true;
            }
        }

        return false;
    }

    private static (IPNetwork, IsolationLevel) Moderate(string network) => (IPNetwork.Parse(network), IsolationLevel.Moderate);

    private static (IPNetwork, IsolationLevel) Strict(string network) => (IPNetwork.Parse(network), IsolationLevel.Strict);
}
