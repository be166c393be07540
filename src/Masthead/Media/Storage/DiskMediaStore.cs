using System.Runtime.CompilerServices;
using Masthead.Core.Media;

namespace Masthead.Media.Storage;

/// <summary>
/// Media files in a directory (data/uploads). A file is written under a temporary name beside its place and renamed
/// when complete, so a reader never gets half of one and a failed upload leaves no part behind.
/// </summary>
public sealed class DiskMediaStore(string root) : IMediaStore
{
    private const string TemporarySuffix = ".partial";

    private readonly string _root = Path.GetFullPath(root);

    public string Description => $"the directory {_root}";

    public async Task PutAsync(string path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var file = Resolve(path);
        var temporary = $"{file}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw Unavailable("written", exception);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public Task<MediaFileInfo?> StatAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileInfo(Resolve(path));
        return Task.FromResult(file.Exists ? Info(path, file) : null);
    }

    public Task<MediaFileContent?> OpenAsync(string path, ByteRange? range, CancellationToken cancellationToken)
    {
        var file = new FileInfo(Resolve(path));
        if (!file.Exists)
        {
            return Task.FromResult<MediaFileContent?>(null);
        }

        try
        {
            var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (range is { } part)
            {
                stream.Seek(part.From, SeekOrigin.Begin);
            }

            return Task.FromResult<MediaFileContent?>(new MediaFileContent(Info(path, file), stream, range));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<MediaFileContent?>(null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Unavailable("read", exception);
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var path in paths)
            {
                var file = Resolve(path);
                if (File.Exists(file))
                {
                    File.Delete(file);
                    RemoveEmptyDirectories(Path.GetDirectoryName(file)!);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Unavailable("changed", exception);
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<MediaFileInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!file.Name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            {
                yield return Info(Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/'), file);
            }
        }

        await Task.CompletedTask;
    }

    /// <summary>The file a store path names, which must lie inside the directory: no "..", no absolute paths.</summary>
    private string Resolve(string path)
    {
        if (!MediaStorePaths.IsSafe(path))
        {
            throw new ArgumentException($"'{path}' is not a media store path.", nameof(path));
        }

        var full = Path.GetFullPath(Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar)));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"'{path}' lies outside the media store.", nameof(path));
    }

    private static MediaFileInfo Info(string path, FileInfo file) =>
        new(path, file.Length, file.LastWriteTimeUtc, $"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"");

    private void RemoveEmptyDirectories(string directory)
    {
        while (directory.Length > _root.Length && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory)!;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing was written, or the directory itself is gone.
        }
    }

    private MediaStoreUnavailableException Unavailable(string what, Exception exception) =>
        new($"The uploads directory {_root} cannot be {what}: {exception.Message}", exception);
}
