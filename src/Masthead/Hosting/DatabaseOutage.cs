using System.Data.Common;
using System.Net.Sockets;

namespace Masthead.Hosting;

/// <summary>Tells an unreachable database (answered with 503, try again) from a fault in Masthead itself (500).</summary>
public static class DatabaseOutage
{
    public const int RetryAfterSeconds = 30;

    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
