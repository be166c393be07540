using Masthead.Site.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Site;

public static class ReaderSite
{
    public static IServiceCollection AddReaderSite(this IServiceCollection services)
    {
        services.AddSingleton<SiteAssets>();
        services.AddRouting(routing =>
        {
            routing.LowercaseUrls = true;
            routing.AppendTrailingSlash = false;
        });
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/";
            pages.Conventions.AuthorizeFolder("/Newsroom");
            pages.Conventions.ConfigureFilter(new Newsroom.NewsroomErrors());
            pages.Conventions.ConfigureFilter(new UnknownHandlerFilter());
            pages.Conventions.AddFolderApplicationModelConvention("/Site", model =>
            {
                if (model.HandlerType.IsDefined(typeof(UncachedPageAttribute), inherit: false))
                {
                    return;
                }

                model.EndpointMetadata.Add(new PublicPageMetadata());
                if (model.HandlerType.IsDefined(typeof(PagedListAttribute), inherit: true))
                {
                    model.EndpointMetadata.Add(new PagedListAttribute());
                }

                model.EndpointMetadata.Add(new OutputCacheAttribute { PolicyName = PublicPageCachePolicy.Name });
            });
        });
        return services;
    }

    public static WebApplication UseReaderErrorPages(this WebApplication app)
    {
        // The error page answers 503 instead of 500 when the database could not be reached (see DatabaseOutage).
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }

    public static WebApplication MapReaderSite(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
