using Masthead.Core.Media;

namespace Masthead.Media;

/// <summary>
/// The "Masthead:Media" settings (Masthead__Media__Provider and so on). The data directory's uploads/ folder by
/// default; an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Garage) when several nodes must share the files.
/// </summary>
public sealed class MediaOptions
{
    /// <summary>Disk (the default: data/uploads) or S3.</summary>
    public string Provider { get; set; } = "Disk";

    public int MaxUploadMegabytes { get; set; } = 25;

    /// <summary>Refused from the image's header, before any pixel is decoded.</summary>
    public int MaxMegapixels { get; set; } = 50;

    public int MaxSidePixels { get; set; } = 20_000;

    public string? Bucket { get; set; }

    /// <summary>The bucket's region; "auto" for Cloudflare R2, "garage" (or what garage.toml says) for Garage.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The S3 API's address for anything but AWS itself, e.g. https://ACCOUNT.r2.cloudflarestorage.com or http://minio:9000.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Credentials; when unset, the AWS SDK's usual chain (AWS_ACCESS_KEY_ID..., an instance role) is used.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>
    /// Bucket paths as https://bucket.host/key rather than https://host/bucket/key. On by default when
    /// <see cref="Endpoint"/> is set (MinIO, Garage and R2 want it), off for AWS.
    /// </summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>
    /// Where readers fetch the files straight from the bucket or a CDN in front of it, e.g. https://media.example.org;
    /// unset, every node serves them itself at /media/.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public bool IsS3 => string.Equals(Provider, "S3", StringComparison.OrdinalIgnoreCase);

    public MediaLimits Limits => new(MaxUploadMegabytes * 1024L * 1024, MaxMegapixels * 1_000_000L, MaxSidePixels);
}
