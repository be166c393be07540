using Masthead.Core.Mail;
using Masthead.Core.Publication;
using Masthead.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Masthead.Mail;

/// <summary>
/// Where links in messages lead: the publication's base URL (Settings) when it has one; otherwise the address of the
/// request that caused the message, as pages link; otherwise (the scheduler, the command line) the address this node
/// listens on.
/// </summary>
internal sealed class PublicBaseUrl(IHttpContextAccessor requests, IServer server, IConfiguration configuration) : IPublicBaseUrl
{
    public string For(PublicationInfo publication)
    {
        if (!string.IsNullOrWhiteSpace(publication.BaseUrl))
        {
            return publication.BaseUrl.TrimEnd('/');
        }

        if (requests.HttpContext?.Request is { } request)
        {
            return PublicAddress.BaseUrl(request, publication);
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return SiteAddress.Concrete(listening ?? configuration["urls"] ?? "http://localhost:5080");
    }
}
