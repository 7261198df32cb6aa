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
        if (address is null || trusted.Count == 0)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
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

    public IPAddress? Resolve(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is { IsIPv4MappedToIPv6: true })
        {
            peer = peer.MapToIPv4();
        }

        if (!IsTrusted(peer))
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
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
        }

        return new ClientAddress(networks);
    }
}
