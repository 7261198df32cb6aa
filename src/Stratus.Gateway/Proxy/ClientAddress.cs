using System.Net;
using Microsoft.AspNetCore.Http;

namespace Stratus.Gateway.Proxy;

/// <summary>
/// Who the client is. The TCP peer, unless the peer is a trusted proxy: then the right-most address of
/// <c>X-Forwarded-For</c> that is not itself a trusted proxy. A client's own forwarding headers never count
/// (Spring Cloud Gateway CVE-2025-41235).
/// </summary>
internal sealed class ClientAddress(IReadOnlyList<IPNetwork> trusted)
{
    public bool IsTrusted(IPAddress? address)
    {
        address = Normalize(address);
        if (address is null || trusted.Count == 0)
        {
            return false;
        }

        foreach (var network in trusted)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The client's address; <paramref name="peerTrusted"/> tells whether the TCP peer is a trusted proxy.</summary>
    public IPAddress? Resolve(HttpContext context, out bool peerTrusted)
    {
        var peer = Normalize(context.Connection.RemoteIpAddress);
        peerTrusted = IsTrusted(peer);
        if (!peerTrusted)
        {
            return peer;
        }

        var chain = context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = chain.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(chain[i], out var hop))
            {
                return peer;
            }

            if (!IsTrusted(hop))
            {
                return hop;
            }
        }

        return peer;
    }

    public static ClientAddress Create(IEnumerable<string> entries)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (TryParseNetwork(entry, out var network))
            {
                networks.Add(network);
            }
        }

        return new ClientAddress(networks);
    }

    /// <summary>A CIDR range (<c>10.1.0.0/16</c>) or a single address (a /32 or /128 range), as configuration writes them.</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }

    /// <summary>An IPv4 address Kestrel reports as IPv4-mapped IPv6 is compared and written as IPv4.</summary>
    public static IPAddress? Normalize(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
