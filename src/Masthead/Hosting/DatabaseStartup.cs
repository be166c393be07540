using System.Data.Common;
using Masthead.Core.Demo;
using Masthead.Core.Media;
using Masthead.Core.Storage;
using Masthead.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Masthead.Hosting;

/// <summary>Checks that the database can be read and written, migrates it and, on a first run, seeds the demo publication.</summary>
public static class DatabaseStartup
{
    public static async Task<MigrationResult> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<MastheadOptions>>().Value;
        var databaseFile = SqliteStorage.DatabaseFileIn(options.DataDirectoryFullPath);
        if (options.Database.IsSqlite)
        {
            await SqliteFileCheck.ReadAndWriteAsync(databaseFile, cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
        catch (DatabaseTooNewException exception)
        {
            throw new StartupException(exception.Message, exception);
        }
        catch (DbException exception) when (options.Database.IsSqlite)
        {
            throw SqliteFileCheck.CannotUse(databaseFile, exception);
        }
        catch (DbException exception)
        {
            throw new StartupException(
                $"Masthead cannot use its PostgreSQL database: {exception.Message} Check ConnectionStrings__Masthead and that the server is running.",
                exception);
        }
    }

    /// <returns>True when the demo publication was written.</returns>
    public static async Task<bool> SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        bool seeded;
        await using (var scope = services.CreateAsyncScope())
        {
            seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }

        await ImportDemoImagesAsync(services, cancellationToken);
        return seeded;
    }

    /// <summary>
    /// Makes the demo's shipped illustrations media-library items, in a database just seeded or seeded before the
    /// library existed. A media store that cannot be reached is logged and tried again at the next start: the
    /// shipped files keep serving meanwhile.
    /// </summary>
    public static async Task ImportDemoImagesAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var assets = services.GetRequiredService<SiteAssets>();
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DemoImageImport>().ImportAsync(address =>
            {
                var file = assets.Files.GetFileInfo(address);
                if (!file.Exists)
                {
                    return null;
                }

                using var stream = file.CreateReadStream();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                return buffer.ToArray();
            }, cancellationToken);
        }
        catch (MediaStoreUnavailableException exception)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup))
                .LogWarning(exception, "The demo's images stay at their shipped addresses for now: the media store is unavailable.");
        }
    }

    /// <summary>What `serve` does after migrating: on a first run, seed the demo if asked; else bring old demo images into the library.</summary>
    /// <param name="firstRun">The database held nothing before this start.</param>
    public static async Task FinishPreparingAsync(IServiceProvider services, bool firstRun, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<MastheadOptions>>().Value;
        if (firstRun && options.DemoOnFirstRun)
        {
            await SeedDemoAsync(services, cancellationToken);
        }
        else
        {
            await ImportDemoImagesAsync(services, cancellationToken);
        }
    }
}
