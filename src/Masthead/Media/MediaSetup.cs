using Masthead.Core.Media;
using Masthead.Hosting;
using Masthead.Media.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masthead.Media;

public static class MediaSetup
{
    /// <summary>The media store the settings name, the limits, and readers' addresses for media files.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, MastheadOptions options)
    {
        var media = options.Media;
        services.AddSingleton(media);
        services.AddSingleton(media.Limits);
        services.AddSingleton<MediaUrls>();
        if (media.IsS3)
        {
            services.TryAddSingleton<IMediaStore>(_ => new S3MediaStore(media));
        }
        else if (string.Equals(media.Provider, "Disk", StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IMediaStore>(new DiskMediaStore(options.UploadsDirectoryFullPath));
        }
        else
        {
            throw new StartupException($"The media provider '{media.Provider}' is not supported; use Disk (the default) or S3.");
        }

        return services;
    }

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapMediaFiles();
        app.MapMediaApi();
        return app;
    }
}
