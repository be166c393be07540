using System.Text;
using Masthead.Core.Media;
using Masthead.Media;
using Masthead.Media.Storage;
using Masthead.Testing;

namespace Masthead.Tests.Media;

/// <summary>What every media store must do, run against the data directory and against a real S3 API server.</summary>
public abstract class MediaStoreContract : IAsyncLifetime
{
    protected IMediaStore Store { get; set; } = null!;

    public abstract ValueTask InitializeAsync();

    public abstract ValueTask DisposeAsync();

    [Fact]
    public async Task A_stored_file_reads_back_whole_or_in_part_with_its_length_and_entity_tag()
    {
        var content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"{i:D4}")));
        await Store.PutAsync("abcdefghijkl/0123456789/640.webp", content, "image/webp", CancellationToken.None);

        var info = await Store.StatAsync("abcdefghijkl/0123456789/640.webp", CancellationToken.None);
        await using var whole = await Store.OpenAsync("abcdefghijkl/0123456789/640.webp", null, CancellationToken.None);
        await using var part = await Store.OpenAsync("abcdefghijkl/0123456789/640.webp", new ByteRange(100, 199), CancellationToken.None);

        Assert.Equal(content.Length, info!.Length);
        Assert.StartsWith("\"", info.ETag, StringComparison.Ordinal);
        Assert.Equal(content, await ReadAsync(whole!.Content, content.Length));
        Assert.Equal(content[100..200], await ReadAsync(part!.Content, 100));
        Assert.Equal(info.Length, part.Info.Length);
    }

    [Fact]
    public async Task A_missing_file_is_null_and_deleting_it_is_no_error()
    {
        Assert.Null(await Store.StatAsync("zzzzzzzzzzzz/0000000000/none.jpg", CancellationToken.None));
        Assert.Null(await Store.OpenAsync("zzzzzzzzzzzz/0000000000/none.jpg", null, CancellationToken.None));
        await Store.DeleteAsync(["zzzzzzzzzzzz/0000000000/none.jpg"], CancellationToken.None);
    }

    [Fact]
    public async Task Deleted_files_are_gone_and_the_list_names_every_file_left()
    {
        await Store.PutAsync("listlistlist/aaaaaaaaaa/320.jpg", "a"u8.ToArray(), "image/jpeg", CancellationToken.None);
        await Store.PutAsync("listlistlist/aaaaaaaaaa/640.jpg", "bb"u8.ToArray(), "image/jpeg", CancellationToken.None);
        await Store.PutAsync("legacy-photo.jpg", "ccc"u8.ToArray(), "image/jpeg", CancellationToken.None);

        await Store.DeleteAsync(["listlistlist/aaaaaaaaaa/320.jpg"], CancellationToken.None);
        var listed = new List<MediaFileInfo>();
        await foreach (var file in Store.ListAsync(CancellationToken.None))
        {
            listed.Add(file);
        }

        Assert.Null(await Store.StatAsync("listlistlist/aaaaaaaaaa/320.jpg", CancellationToken.None));
        Assert.Contains(listed, f => f is { Path: "listlistlist/aaaaaaaaaa/640.jpg", Length: 2 });
        Assert.Contains(listed, f => f is { Path: "legacy-photo.jpg", Length: 3 });
        Assert.DoesNotContain(listed, f => f.Path == "listlistlist/aaaaaaaaaa/320.jpg");
    }

    [Fact]
    public async Task Storing_again_replaces_the_file_whole()
    {
        await Store.PutAsync("againagainag/aaaaaaaaaa/file.pdf", new byte[5000], "application/pdf", CancellationToken.None);
        await Store.PutAsync("againagainag/aaaaaaaaaa/file.pdf", "%PDF-1.4"u8.ToArray(), "application/pdf", CancellationToken.None);

        Assert.Equal(8, (await Store.StatAsync("againagainag/aaaaaaaaaa/file.pdf", CancellationToken.None))!.Length);
    }

    private static async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}

public sealed class DiskMediaStoreTests : MediaStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "masthead-tests", "store-" + Guid.NewGuid().ToString("N"));

    public override ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Store = new DiskMediaStore(_directory);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_file_is_never_seen_half_written_and_paths_cannot_leave_the_directory()
    {
        await Store.PutAsync("abcdefghijkl/0123456789/960.jpg", new byte[300_000], "image/jpeg", CancellationToken.None);

        Assert.Equal(["960.jpg"], Directory.GetFiles(Path.Combine(_directory, "abcdefghijkl", "0123456789")).Select(Path.GetFileName));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync("../outside.jpg", new byte[1], "image/jpeg", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StatAsync("/etc/passwd", CancellationToken.None));
    }

    [Fact]
    public async Task A_directory_that_cannot_be_written_is_unavailable_not_a_lost_file()
    {
        File.WriteAllText(Path.Combine(_directory, "blocked"), "a file where a directory should be");

        var refused = await Assert.ThrowsAsync<MediaStoreUnavailableException>(() =>
            Store.PutAsync("blocked/0123456789/640.jpg", new byte[10], "image/jpeg", CancellationToken.None));

        Assert.Contains(_directory, refused.Message, StringComparison.Ordinal);
    }
}

public sealed class S3MediaStoreTests : MediaStoreContract
{
    private S3rverProcess? _s3rver;

    public override async ValueTask InitializeAsync()
    {
        _s3rver = await S3rverProcess.StartAsync();
        Store = new S3MediaStore(new MediaOptions
        {
            Provider = "S3",
            Bucket = S3rverProcess.Bucket,
            Endpoint = _s3rver.Endpoint,
            AccessKey = S3rverProcess.AccessKey,
            SecretKey = S3rverProcess.SecretKey,
        });
    }

    public override async ValueTask DisposeAsync()
    {
        (Store as IDisposable)?.Dispose();
        if (_s3rver is not null)
        {
            await _s3rver.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bucket_that_cannot_be_reached_is_unavailable_not_a_lost_file()
    {
        await _s3rver!.StopAsync();

        var refused = await Assert.ThrowsAsync<MediaStoreUnavailableException>(() =>
            Store.PutAsync("abcdefghijkl/0123456789/640.jpg", new byte[10], "image/jpeg", CancellationToken.None));

        Assert.Contains(S3rverProcess.Bucket, refused.Message, StringComparison.Ordinal);
        await _s3rver.StartAgainAsync();
        await Store.PutAsync("abcdefghijkl/0123456789/640.jpg", new byte[10], "image/jpeg", CancellationToken.None);
        Assert.Contains("abcdefghijkl/0123456789/640.jpg", _s3rver.Objects());
    }
}
