using Masthead.Caching;
using Masthead.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Site;

public static class ReaderSite
{
    public static IServiceCollection AddReaderSite(this IServiceCollection services, MastheadOptions options)
    {
        // Counted by the contact page itself, which keeps what the reader typed when it refuses a message.
        services.AddScoped<ReaderImages>();
        services.AddSingleton(provider => new ContactRateLimit(options.RateLimits.ContactMessagesPerHour, provider.GetRequiredService<TimeProvider>()));
        services.Configure<RazorPagesOptions>(pages =>
        {
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
}
