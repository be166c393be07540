namespace Masthead.Hosting;

/// <summary>
/// Razor Pages for the reader site (Site/) and the newsroom (Newsroom/): what both share. Each feature adds its own
/// conventions with <c>services.Configure&lt;RazorPagesOptions&gt;</c>.
/// </summary>
public static class RazorPagesSetup
{
    public static IServiceCollection AddMastheadPages(this IServiceCollection services)
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
            pages.Conventions.ConfigureFilter(new UnknownHandlerFilter());
        });
        return services;
    }

    public static WebApplication MapMastheadPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
