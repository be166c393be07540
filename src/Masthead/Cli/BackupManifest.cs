using System.Reflection;
using System.Text.Json;
using Masthead.Core.Storage;
using Masthead.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Cli;

/// <summary>What a backup holds, in numbers a restore checks its copy against.</summary>
internal sealed record BackupCounts(int Articles, int Pages, int Staff, int MediaItems);

/// <summary>
/// manifest.json in a backup directory, written last, so a directory without one is an unfinished backup. It names the
/// Masthead that took it, when, the schema's last migration (a restore refuses one newer than it knows), the database
/// file (none on PostgreSQL, whose database pg_dump backs up) and what the backup holds.
/// </summary>
internal sealed record BackupManifest(
    string Format, string MastheadVersion, DateTimeOffset TakenAt, string Provider, string? Database, string Migration, BackupCounts Counts,
    long MediaFiles, long MediaBytes)
{
    public const string FileName = "manifest.json";
    public const string Kind = "masthead-backup/1";
    public const string UploadsFolder = "uploads";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string CurrentVersion =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task WriteAsync(string directory, CancellationToken cancellationToken)
    {
        await using var file = File.Create(Path.Combine(directory, FileName));
        await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
    }

    public static async Task<BackupManifest> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new StartupException($"{directory} is not a finished Masthead backup: it has no {FileName}. Nothing was restored.");
        }

        BackupManifest? manifest;
        try
        {
            await using var file = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(file, Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new StartupException($"{path} cannot be read: {exception.Message} Nothing was restored.", exception);
        }

        return manifest is { Format: Kind, Counts: not null, Migration: not null }
            ? manifest
            : throw new StartupException($"{path} is not the manifest of a backup this Masthead knows ({Kind}). Nothing was restored.");
    }

    public static async Task<BackupCounts> CountAsync(MastheadDb db, CancellationToken cancellationToken) => new(
        await db.Articles.CountAsync(cancellationToken), await db.StaticPages.CountAsync(cancellationToken),
        await db.Staff.CountAsync(cancellationToken), await db.MediaItems.CountAsync(cancellationToken));

    public static async Task<string> LastMigrationAsync(MastheadDb db, CancellationToken cancellationToken) =>
        (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "";
}
