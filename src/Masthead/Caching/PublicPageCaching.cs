using Masthead.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Masthead.Caching;

public static class PublicPageCaching
{
    public static IServiceCollection AddPublicPageCaching(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            options.AddPolicy(PublicPageCachePolicy.Name, new PublicPageCachePolicy());
            options.SizeLimit = 256L * 1024 * 1024;
            options.UseCaseSensitivePaths = true; // routes ignore case but slugs do not: /A and /a may answer differently
        });
        services.AddHttpContextAccessor();
        services.DecorateSingleton<IOutputCacheStore, EvictionAwareCacheStore>((provider, memory) =>
            new EvictionAwareCacheStore(memory, provider.GetRequiredService<IHttpContextAccessor>()));
        return services;
    }

    public static IApplicationBuilder UsePublicPageCaching(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<MastheadOptions>>().Value.OutputCache)
        {
            app.UseOutputCache();
        }

        return app.UseMiddleware<PublicPageHeadersMiddleware>();
    }
}
