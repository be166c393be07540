using System.Net;
using Masthead.Core.Media;
using Masthead.Hosting;
using Masthead.Media.Storage;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Masthead.Tests.Media;

/// <summary>
/// Faults on the way to storage: a store that fails after some of an upload's files are written leaves none of them
/// and no item; an uploads directory that cannot be written answers 503; neither is ever reported as done.
/// </summary>
public sealed class MediaFaultTests : IAsyncLifetime
{
    private readonly FailingStore _store = new();
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await MastheadServer.StartAsync(demo: true, services: services => services.AddSingleton<IMediaStore>(provider =>
            _store.Over(new DiskMediaStore(provider.GetRequiredService<IOptions<MastheadOptions>>().Value.UploadsDirectoryFullPath))));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private string Uploads => Path.Combine(_server.DataDirectory, "uploads");

    [Fact]
    public async Task A_store_that_fails_partway_through_an_upload_leaves_no_file_and_no_item()
    {
        using var reporter = await MediaClient.SignInAsync(_server, DemoLogins.Reporter);
        var items = await TotalAsync(reporter);
        var files = Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories).Length;
        _store.FailAfter = 5;

        using var refused = await reporter.UploadAsync("quay.jpg", TestImages.Photo(2000, 1500, 1));
        _store.FailAfter = null;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(_store.Written >= 5);
        Assert.Equal(files, Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories).Length);
        Assert.Equal(items, await TotalAsync(reporter));
        await reporter.UploadItemAsync("quay.jpg", TestImages.Photo(2000, 1500, 1));
    }

    [Fact]
    public async Task An_uploads_directory_that_cannot_be_written_answers_503_and_the_upload_is_not_reported_done()
    {
        using var reporter = await MediaClient.SignInAsync(_server, DemoLogins.Reporter);
        var items = await TotalAsync(reporter);
        Directory.Move(Uploads, Uploads + "-away");
        await File.WriteAllTextAsync(Uploads, "a file where the uploads directory should be");
        try
        {
            using var refused = await reporter.UploadAsync("quay.jpg", TestImages.Photo(800, 600, 1));
            var problem = await MediaClient.ProblemAsync(refused);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("Media storage unavailable", problem.GetProperty("title").GetString());
            Assert.Equal(items, await TotalAsync(reporter));
            Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/")).StatusCode);
        }
        finally
        {
            File.Delete(Uploads);
            Directory.Move(Uploads + "-away", Uploads);
        }
    }

    private static async Task<int> TotalAsync(MediaClient client) =>
        (await client.GetJsonAsync($"{MediaClient.Api}?limit=1")).GetProperty("total").GetInt32();

    /// <summary>A store that stops writing after <see cref="FailAfter"/> files, as a disk that fills up would.</summary>
    private sealed class FailingStore : IMediaStore
    {
        private IMediaStore _inner = null!;
        private int _written;

        public int? FailAfter { get; set; }
        public int Written => _written;

        public IMediaStore Over(IMediaStore inner)
        {
            _inner = inner;
            return this;
        }

        public string Description => _inner.Description;

        public async Task PutAsync(string path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
        {
            if (FailAfter is { } limit && Interlocked.Increment(ref _written) > limit)
            {
                throw new MediaStoreUnavailableException("The test disk is full.");
            }

            await _inner.PutAsync(path, content, contentType, cancellationToken);
        }

        public Task<MediaFileInfo?> StatAsync(string path, CancellationToken cancellationToken) => _inner.StatAsync(path, cancellationToken);

        public Task<MediaFileContent?> OpenAsync(string path, ByteRange? range, CancellationToken cancellationToken) => _inner.OpenAsync(path, range, cancellationToken);

        public Task DeleteAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken) => _inner.DeleteAsync(paths, cancellationToken);

        public IAsyncEnumerable<MediaFileInfo> ListAsync(CancellationToken cancellationToken) => _inner.ListAsync(cancellationToken);
    }
}
