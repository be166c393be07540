using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Masthead.Core.Media;

namespace Masthead.Media.Storage;

/// <summary>
/// Media files in an S3-compatible bucket, shared by every node: a file stored by one is readable from all at once.
/// Objects are written whole (S3 has no half-written objects) with their type and a year's caching, since every
/// path the library writes carries its content's hash.
/// </summary>
public sealed class S3MediaStore : IMediaStore, IDisposable
{
    private const string Immutable = "public, max-age=31536000, immutable";

    private readonly AmazonS3Client _client;
    private readonly string _bucket;

    public S3MediaStore(MediaOptions options)
    {
        _bucket = options.Bucket is { Length: > 0 } bucket
            ? bucket
            : throw new Hosting.StartupException("The S3 media store needs a bucket: set Masthead__Media__Bucket (and Masthead__Media__Endpoint for anything but AWS).");
        var config = new AmazonS3Config
        {
            AuthenticationRegion = options.Region,
            ForcePathStyle = options.ForcePathStyle ?? !string.IsNullOrEmpty(options.Endpoint),
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 2,
            // Checksums only where S3 requires them: R2, Garage and others refuse the newer default trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrEmpty(options.Endpoint))
        {
            config.ServiceURL = options.Endpoint;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        _client = options.AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey ?? ""), config)
            : new AmazonS3Client(config);
        Description = $"the bucket {_bucket} at {options.Endpoint ?? $"AWS S3 ({options.Region})"}";
    }

    public string Description { get; }

    public async Task PutAsync(string path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = path,
            InputStream = new MemoryStream(content.ToArray(), writable: false),
            ContentType = contentType,
            UseChunkEncoding = false, // plain signed bodies: aws-chunked uploads are not understood everywhere
        };
        request.Headers.CacheControl = Immutable;
        await CallAsync("written", () => _client.PutObjectAsync(request, cancellationToken), cancellationToken);
    }

    public async Task<MediaFileInfo?> StatAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await CallAsync("read", () => _client.GetObjectMetadataAsync(_bucket, path, cancellationToken), cancellationToken);
            return new MediaFileInfo(path, metadata.ContentLength, metadata.LastModified ?? DateTimeOffset.UnixEpoch.UtcDateTime, Quoted(metadata.ETag));
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<MediaFileContent?> OpenAsync(string path, Core.Media.ByteRange? range, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = path };
        if (range is { } part)
        {
            request.ByteRange = new Amazon.S3.Model.ByteRange(part.From, part.To);
        }

        try
        {
            var response = await CallAsync("read", () => _client.GetObjectAsync(request, cancellationToken), cancellationToken);
            var length = range is null ? response.ContentLength : TotalLength(response.ContentRange) ?? response.ContentLength;
            var info = new MediaFileInfo(path, length, response.LastModified ?? DateTimeOffset.UnixEpoch.UtcDateTime, Quoted(response.ETag));
            return new MediaFileContent(info, new OwnedStream(response.ResponseStream, response), range);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        foreach (var batch in paths.Chunk(1000))
        {
            var request = new DeleteObjectsRequest { BucketName = _bucket, Objects = [.. batch.Select(path => new KeyVersion { Key = path })] };
            await CallAsync("changed", () => _client.DeleteObjectsAsync(request, cancellationToken), cancellationToken);
        }
    }

    public async IAsyncEnumerable<MediaFileInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket };
        ListObjectsV2Response page;
        do
        {
            page = await CallAsync("read", () => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new MediaFileInfo(item.Key, item.Size ?? 0, item.LastModified ?? DateTimeOffset.UnixEpoch.UtcDateTime, Quoted(item.ETag));
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Runs an S3 call; a bucket or network that fails is "unavailable", a missing object is left to the caller.</summary>
    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode is "NoSuchKey" or "NotFound" or null or "")
        {
            throw;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is AmazonServiceException or AmazonClientException
            or HttpRequestException or SocketException or IOException or TaskCanceledException or TimeoutException)
        {
            throw new MediaStoreUnavailableException($"{char.ToUpperInvariant(Description[0])}{Description[1..]} cannot be {what}: {exception.Message}", exception);
        }
    }

    private static string Quoted(string? etag) =>
        string.IsNullOrEmpty(etag) ? "\"0\"" : etag.StartsWith('"') ? etag : $"\"{etag}\"";

    /// <summary>The whole object's length from "bytes 0-99/1234".</summary>
    private static long? TotalLength(string? contentRange) =>
        contentRange?.LastIndexOf('/') is { } slash and >= 0 && long.TryParse(contentRange[(slash + 1)..], out var total) ? total : null;

    /// <summary>The response's stream, which disposes the response (and its connection) with it.</summary>
    private sealed class OwnedStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
