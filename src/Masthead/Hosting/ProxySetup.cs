using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Masthead.Hosting;

/// <summary>
/// Behind a reverse proxy (nginx, see docs/scale-out.md), the reader's address and the scheme come from the
/// proxy's X-Forwarded-For and X-Forwarded-Proto, so rate limits count readers rather than the proxy and links
/// say https. Only proxies on loopback, or listed in Masthead__TrustedProxies, are believed.
/// </summary>
public static class ProxySetup
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services, MastheadOptions options)
    {
        var proxies = new List<IPAddress>();
        foreach (var entry in options.TrustedProxies)
        {
            if (!IPAddress.TryParse(entry.Trim(), out var address))
            {
                throw new StartupException($"Masthead__TrustedProxies holds '{entry}', which is not an IP address.");
            }

            proxies.Add(address);
        }

        return services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }
        });
    }
}
