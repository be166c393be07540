using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Core.ContentApi;

public static class ContentApiServices
{
    public static IServiceCollection AddContentApiQueries(this IServiceCollection services)
    {
        services.AddScoped<ContentApiKeyService>();
        services.AddSingleton<NewestPosts>();
        services.AddScoped<ContentPostQueries>();
        services.AddScoped<ContentPageQueries>();
        services.AddScoped<ContentAuthorQueries>();
        services.AddScoped<ContentTagQueries>();
        services.AddScoped<ContentNewsletterQueries>();
        return services;
    }
}
