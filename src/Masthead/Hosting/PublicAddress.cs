using Masthead.Core.Publication;

namespace Masthead.Hosting;

/// <summary>Where readers reach the site: the publication's configured base URL, else the address the request came to.</summary>
public static class PublicAddress
{
    public static string BaseUrl(HttpRequest request, PublicationInfo publication) =>
        string.IsNullOrEmpty(publication.BaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : publication.BaseUrl.TrimEnd('/');
}
