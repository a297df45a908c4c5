using System.Net;
using System.Net.Sockets;

namespace ChildAid.BackOffice.Security;

/// <summary>The key sign-in defences count a client by.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's address; an IPv6 client by its /64 network, since one home or office holds a whole /64 and
    /// could otherwise change address at every attempt. Behind a reverse proxy this is the proxy unless forwarded
    /// headers are configured.
    /// </summary>
    public static string Of(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null) return "unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
