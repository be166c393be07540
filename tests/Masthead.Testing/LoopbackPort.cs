using System.Net;
using System.Net.Sockets;

namespace Masthead.Testing;

public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now, for a server the test starts itself.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
