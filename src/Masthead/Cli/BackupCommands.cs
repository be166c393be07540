using System.CommandLine;
using System.Globalization;
using Masthead.Core.Media;
using Masthead.Core.Storage;
using Masthead.Data.Sqlite;
using Masthead.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Cli;

/// <summary>
/// `masthead backup DIR`: the SQLite database (through SQLite's online backup API, while the site serves) and every
/// stored media file, with a manifest; on PostgreSQL the media only, the database being pg_dump's to back up.
/// `masthead restore DIR`: the same into an empty data directory (and its media store), after checking the backup.
/// </summary>
internal static class BackupCommands
{
    public static Command CreateBackup(Func<ParseResult, string[]> hostArgs)
    {
        var directory = new Argument<DirectoryInfo>("directory") { Description = "A new or empty directory to write the backup into." };
        var command = new Command("backup",
            "Back up the database and the media while the site runs: a consistent copy of the SQLite file, the uploads and a manifest.json. " +
            "On PostgreSQL only the media: back the database up with pg_dump.")
        {
            directory,
        };
        command.SetAction((result, cancellationToken) => BackupAsync(hostArgs(result), result.GetValue(directory)!, cancellationToken));
        return command;
    }

    public static Command CreateRestore(Func<ParseResult, string[]> hostArgs)
    {
        var directory = new Argument<DirectoryInfo>("directory") { Description = "A directory `masthead backup` wrote." };
        var command = new Command("restore",
            "Restore a backup into an empty data directory (Masthead__DataDirectory) and media store, then exit. A data directory that holds anything is refused.")
        {
            directory,
        };
        command.SetAction((result, cancellationToken) => RestoreAsync(hostArgs(result), result.GetValue(directory)!, cancellationToken));
        return command;
    }

    private static Task<int> BackupAsync(string[] hostArgs, DirectoryInfo target, CancellationToken cancellationToken) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs);
            var options = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value;
            CreateEmpty(target);
            var takenAt = DateTimeOffset.UtcNow;
            try
            {
                string? database = null;
                BackupCounts counts;
                string migration;
                if (options.Database.IsSqlite)
                {
                    var source = SqliteStorage.DatabaseFileIn(options.DataDirectoryFullPath);
                    if (!File.Exists(source))
                    {
                        throw new StartupException($"There is no database at {source}: point --Masthead:DataDirectory at the site's data directory.");
                    }

                    database = SqliteStorage.FileName;
                    SqliteBackup.Copy(source, Path.Combine(target.FullName, database));
                    await using var copy = OpenSqlite(Path.Combine(target.FullName, database));
                    (counts, migration) = (await BackupManifest.CountAsync(copy, cancellationToken), await BackupManifest.LastMigrationAsync(copy, cancellationToken));
                }
                else
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
                    (counts, migration) = (await BackupManifest.CountAsync(db, cancellationToken), await BackupManifest.LastMigrationAsync(db, cancellationToken));
                }

                // After the database, so every file the copy names was stored before it was taken.
                var (files, bytes) = await CopyMediaOutAsync(app.Services.GetRequiredService<IMediaStore>(), target.FullName, cancellationToken);
                var manifest = new BackupManifest(BackupManifest.Kind, BackupManifest.CurrentVersion, takenAt, options.Database.Provider.ToString(), database,
                    migration, counts, files, bytes);
                await manifest.WriteAsync(target.FullName, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Backed up {counts.Articles:N0} articles, {counts.Pages:N0} pages, {counts.Staff:N0} staff and {files:N0} media files " +
                    $"({bytes / 1048576.0:0.0} MB) into {target.FullName}."));
                if (database is null)
                {
                    Console.WriteLine("The PostgreSQL database is not in this backup: back it up with pg_dump, as docs/operating.md shows.");
                }

                return 0;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException or InvalidDataException
                                                  or MediaStoreUnavailableException)
            {
                throw new StartupException($"The backup in {target.FullName} is incomplete (it has no {BackupManifest.FileName}): {exception.Message}", exception);
            }
        });

    private static Task<int> RestoreAsync(string[] hostArgs, DirectoryInfo source, CancellationToken cancellationToken) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            if (!source.Exists)
            {
                throw new StartupException($"There is no backup at {source.FullName}.");
            }

            var manifest = await BackupManifest.ReadAsync(source.FullName, cancellationToken);
            await using var app = MastheadApp.Build(hostArgs);
            var options = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value;
            var store = app.Services.GetRequiredService<IMediaStore>();
            await RequireEmptyAsync(options.DataDirectoryFullPath, store, cancellationToken);
            var media = MediaIn(source.FullName);
            if (media.Count != manifest.MediaFiles)
            {
                throw new StartupException($"{source.FullName} holds {media.Count:N0} media files where its manifest says {manifest.MediaFiles:N0}. Nothing was restored.");
            }

            string? databaseFile = null;
            if (options.Database.IsSqlite)
            {
                databaseFile = await CheckDatabaseAsync(source.FullName, manifest, cancellationToken);
            }
            else if (manifest.Database is not null)
            {
                throw new StartupException("This backup holds a SQLite database: restore it into an empty data directory on SQLite, then copy it into " +
                                           "PostgreSQL with `masthead migrate --from-sqlite FILE`. Nothing was restored.");
            }

            // The media first and the database last: a restore that stops halfway leaves no database that names missing files.
            var types = new FileExtensionContentTypeProvider();
            foreach (var (path, file) in media)
            {
                var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
                await store.PutAsync(path, await File.ReadAllBytesAsync(file, cancellationToken), type, cancellationToken);
            }

            if (databaseFile is not null)
            {
                var target = SqliteStorage.DatabaseFileIn(options.DataDirectoryFullPath);
                File.Copy(databaseFile, target + ".partial");
                File.Move(target + ".partial", target);
            }

            Console.WriteLine($"Restored {manifest.Counts.Articles:N0} articles, {manifest.Counts.Pages:N0} pages, {manifest.Counts.Staff:N0} staff and " +
                              $"{media.Count:N0} media files, backed up {manifest.TakenAt:u} by Masthead {manifest.MastheadVersion}, into {options.DataDirectoryFullPath}.");
            Console.WriteLine(databaseFile is null
                ? "Restore the PostgreSQL database with pg_restore (see docs/operating.md), then start Masthead."
                : $"Start it with: masthead --Masthead:DataDirectory={options.DataDirectoryFullPath}");
            return 0;
        });

    private static void CreateEmpty(DirectoryInfo target)
    {
        try
        {
            if (target.Exists && target.EnumerateFileSystemInfos().Any())
            {
                throw new StartupException($"{target.FullName} is not empty: give a new or empty directory, so that two backups never mix.");
            }

            target.Create();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Masthead cannot write a backup into {target.FullName}: {exception.Message}", exception);
        }
    }

    private static async Task RequireEmptyAsync(string dataDirectory, IMediaStore store, CancellationToken cancellationToken)
    {
        var existing = Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories).FirstOrDefault();
        await foreach (var file in store.ListAsync(cancellationToken))
        {
            existing ??= $"{store.Description}: {file.Path}";
            break;
        }

        if (existing is not null)
        {
            throw new StartupException($"{dataDirectory} is not empty (it holds {existing}): a backup is restored only into an empty data directory " +
                                       "and media store, so that nothing there is overwritten. Nothing was restored.");
        }
    }

    /// <summary>The backup's database file, once it is read and found to be the one its manifest describes, of a schema this Masthead knows.</summary>
    private static async Task<string> CheckDatabaseAsync(string directory, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var file = manifest.Database is { } name ? Path.Combine(directory, Path.GetFileName(name)) : null;
        if (file is null || !File.Exists(file))
        {
            throw new StartupException(file is null
                ? "This backup has no database: it was taken on PostgreSQL, whose database is restored with pg_restore (see docs/operating.md). Nothing was restored."
                : $"{file}, the database the manifest names, is missing. Nothing was restored.");
        }

        await using var db = OpenSqlite(file, readOnly: true);
        try
        {
            if (!db.Database.GetMigrations().Contains(manifest.Migration, StringComparer.Ordinal))
            {
                throw new StartupException($"The backup was taken by Masthead {manifest.MastheadVersion}, whose database schema ({manifest.Migration}) is newer " +
                                           "than this Masthead knows: restore it with that version or a later one. Nothing was restored.");
            }

            if (await BackupManifest.LastMigrationAsync(db, cancellationToken) != manifest.Migration || await BackupManifest.CountAsync(db, cancellationToken) != manifest.Counts)
            {
                throw new StartupException($"{file} is not the database its manifest describes. Nothing was restored.");
            }
        }
        catch (SqliteException exception)
        {
            throw new StartupException($"{file} cannot be read as a Masthead database: {exception.Message} Nothing was restored.", exception);
        }

        return file;
    }

    private static async Task<(long Files, long Bytes)> CopyMediaOutAsync(IMediaStore store, string directory, CancellationToken cancellationToken)
    {
        var (files, bytes) = (0L, 0L);
        var root = Path.Combine(directory, BackupManifest.UploadsFolder);
        await foreach (var stored in store.ListAsync(cancellationToken))
        {
            await using var content = await store.OpenAsync(stored.Path, null, cancellationToken);
            if (content is null)
            {
                continue; // removed since it was listed: an item deleted or replaced meanwhile
            }

            var target = Path.Combine(root, stored.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var file = File.Create(target))
            {
                await content.Content.CopyToAsync(file, cancellationToken);
            }

            (files, bytes) = (files + 1, bytes + content.Info.Length);
        }

        return (files, bytes);
    }

    /// <summary>Every file in the backup's uploads folder, by its path in the media store.</summary>
    private static List<(string Path, string File)> MediaIn(string directory)
    {
        var root = Path.Combine(directory, BackupManifest.UploadsFolder);
        return !Directory.Exists(root)
            ? []
            : [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(file => (Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'), file))];
    }

    private static MastheadDb OpenSqlite(string file, bool readOnly = false)
    {
        var options = new DbContextOptionsBuilder<MastheadDb>();
        SqliteStorage.Configure(options, $"Data Source={file};Mode={(readOnly ? "ReadOnly" : "ReadWrite")};Pooling=False");
        options.WithIdentitySchema();
        return new MastheadDb(options.Options);
    }
}
