namespace Masthead.Banner;

public static class BannerSetup
{
    public static IServiceCollection AddSiteBanner(this IServiceCollection services)
    {
        services.AddSingleton<BannerBroadcaster>();
        return services;
    }
}
