using System.Net;
using Masthead.Testing;
using Masthead.Tests.Media;

namespace Masthead.Tests.Cli;

/// <summary>`masthead migrate-media --to s3`: a one-node publication's uploads moved into a bucket, addresses kept.</summary>
public sealed class MigrateMediaCommandTests
{
    [Fact]
    public async Task Every_upload_is_copied_into_the_bucket_once_and_served_from_there_at_the_same_address()
    {
        await using var s3rver = await S3rverProcess.StartAsync();
        using var masthead = new MastheadProcess();
        Assert.Equal(0, (await masthead.RunAsync("seed-demo")).ExitCode); // the demo's images become library files in data/uploads
        var uploads = Path.Combine(masthead.WorkingDirectory, "data", "uploads");
        Directory.CreateDirectory(Path.Combine(uploads, "archive"));
        var handPlaced = TestImages.Photo(300, 200, 1);
        await File.WriteAllBytesAsync(Path.Combine(uploads, "archive", "old-masthead.jpg"), handPlaced);
        var files = Directory.GetFiles(uploads, "*", SearchOption.AllDirectories).Length;

        var first = await masthead.RunAsync(["migrate-media", "--to", "s3", .. s3rver.ServerArguments.Where(a => !a.Contains("Provider", StringComparison.Ordinal))]);
        var again = await masthead.RunAsync(["migrate-media", "--to", "s3", .. s3rver.ServerArguments]);
        var wrong = await masthead.RunAsync("migrate-media", "--to", "ftp");

        Assert.Equal((0, ""), (first.ExitCode, first.Error));
        Assert.Contains($"Copied {files} file(s)", first.Output, StringComparison.Ordinal);
        Assert.Equal(files, s3rver.Objects().Count);
        Assert.Contains("archive/old-masthead.jpg", s3rver.Objects());
        Assert.Contains($"Copied 0 file(s) (0.0 MB) from the directory {uploads} into the bucket {S3rverProcess.Bucket}", again.Output, StringComparison.Ordinal);
        Assert.Contains($"{files} were there already", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, wrong.ExitCode);

        Directory.Delete(uploads, recursive: true); // from now on only the bucket has them
        await using var server = await MastheadServer.StartAsync(demo: false, dataDirectory: Path.Combine(masthead.WorkingDirectory, "data"), services: null,
            s3rver.ServerArguments);
        var front = await server.GetDocumentAsync("/");
        var logo = front.QuerySelector("img.masthead-logo")!.GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(logo)).StatusCode);
        Assert.Equal(handPlaced, await server.Client.GetByteArrayAsync("/media/archive/old-masthead.jpg"));
    }

    [Fact]
    public async Task A_bucket_that_cannot_be_reached_is_one_clear_line_and_exit_code_1()
    {
        using var masthead = new MastheadProcess();
        Directory.CreateDirectory(Path.Combine(masthead.WorkingDirectory, "data", "uploads"));
        await File.WriteAllBytesAsync(Path.Combine(masthead.WorkingDirectory, "data", "uploads", "photo.jpg"), [1, 2, 3]);

        var (exitCode, _, error) = await masthead.RunAsync("migrate-media", "--to", "s3", "--Masthead:Media:Bucket=media",
            $"--Masthead:Media:Endpoint=http://127.0.0.1:{LoopbackPort.Free()}", "--Masthead:Media:AccessKey=a", "--Masthead:Media:SecretKey=b");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("masthead: The bucket media at http://127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
