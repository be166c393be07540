using Masthead.Api;
using Masthead.Banner;
using Masthead.Caching;
using Masthead.ContentApi;
using Masthead.ContentApi.Admin;
using Masthead.Core;
using Masthead.Core.Events;
using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;
using Masthead.Feeds;
using Masthead.Feeds.Syndication;
using Masthead.Health;
using Masthead.Live;
using Masthead.Mail;
using Masthead.Media;
using Masthead.Newsletters;
using Masthead.Newsroom;
using Masthead.ScaleOut;
using Masthead.SecurityHeaders;
using Masthead.Site;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.ResponseCompression;

namespace Masthead.Hosting;

/// <summary>Builds the web application: services, then the request pipeline, each a short list of feature calls.</summary>
public static class MastheadApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(MastheadApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(MastheadOptions.Section).Get<MastheadOptions>() ?? new MastheadOptions();
        DataDirectories.Create(options); // the database, uploads and everything built below expect them
        builder.Services.Configure<MastheadOptions>(builder.Configuration.GetSection(MastheadOptions.Section));
        builder.Services.AddMastheadCore();
        builder.Services.AddChangeEvents(ChangeReactions.Register);
        builder.Services.AddMastheadStorage(options, builder.Configuration);
        builder.Services.AddProxySupport(options);
        builder.Services.AddDataProtection()
            .SetApplicationName("Masthead")
            .PersistKeysToDbContext<Core.Storage.MastheadDb>();
        builder.Services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.AddSecurityHeaders();
        builder.Services.AddPublicPageCaching();
        builder.Services.AddMastheadPages();
        builder.Services.AddNewsroom(options);
        builder.Services.AddLiveCoverage();
        builder.Services.AddSiteBanner();
        builder.Services.AddReaderSite(options);
        builder.Services.AddContentApi();
        builder.Services.AddMedia(options);
        builder.Services.AddMail(options);
        builder.Services.AddNewsletters(options);
        builder.Services.AddHealth();
        builder.Services.AddScaleOut(builder.Configuration);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseReaderErrorPages();
        app.UseResponseCompression();
        app.UseSiteAssets();
        app.UseImportedPostNumbers();
        app.UseRouting();
        app.UseNewsroom();
        app.UseContentApi();
        app.UsePublicPageCaching();
        app.MapHealth();
        app.MapLiveStream();
        app.MapBannerStream();
        app.MapLiveFeed();
        app.MapSitemaps();
        app.MapSyndicationFeeds();
        app.MapSearchApi();
        app.MapMedia();
        app.MapContentApi();
        app.MapAdminApi();
        app.MapMastheadPages();
        return app;
    }

    private static IServiceCollection AddMastheadStorage(this IServiceCollection services, MastheadOptions options, IConfiguration configuration)
    {
        switch (options.Database.Provider.ToLowerInvariant())
        {
            case "sqlite":
                return services.AddMastheadSqlite(SqliteStorage.ConnectionStringFor(options.DataDirectoryFullPath));
            case "postgres" or "postgresql":
                var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new StartupException(
                        "The Postgres provider needs a connection string: set ConnectionStrings__Masthead=\"Host=...;Database=...;Username=...;Password=...\".");
                }

                return services.AddMastheadPostgres(connectionString);
            default:
                throw new StartupException($"The database provider '{options.Database.Provider}' is not supported; use Sqlite or Postgres.");
        }
    }
}

/// <summary>A problem the person starting Masthead can fix; shown on the console without a stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
