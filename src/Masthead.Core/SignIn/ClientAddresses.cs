using System.Net;
using System.Net.Sockets;

namespace Masthead.Core.SignIn;

public static class ClientAddresses
{
    /// <summary>
    /// What the sign-in throttle counts a client by: its IPv4 address, or the /64 network of its IPv6 address, since
    /// whoever holds one IPv6 address usually holds its whole /64.
    /// </summary>
    public static string ThrottleKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>The address as people read it in the audit log and the list of sessions.</summary>
    public static string Display(IPAddress? address) =>
        address is null ? "an unknown address" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
