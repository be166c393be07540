using System.CommandLine;
using System.Globalization;
using Masthead.Core.Media;
using Masthead.Hosting;
using Masthead.Media.Storage;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace Masthead.Cli;

/// <summary>
/// `masthead migrate-media --to s3`: copies every file in the data directory's uploads/ (library files and files put
/// there by hand) into the bucket the Masthead__Media__ settings name, keeping each path, so the same addresses
/// work once the nodes switch to Masthead__Media__Provider=S3. Files already in the bucket with the same size are
/// left alone, so it can be run again after an interruption.
/// </summary>
internal static class MigrateMediaCommand
{
    public static Command Create(Func<ParseResult, string[]> hostArgs)
    {
        var to = new Option<string>("--to")
        {
            Description = "Where to copy the uploads: s3, the bucket named by Masthead__Media__Bucket (with __Endpoint, __Region, __AccessKey and __SecretKey).",
            Required = true,
        };
        to.AcceptOnlyFromAmong("s3");
        var command = new Command("migrate-media", "Copy the uploads in the data directory into an S3-compatible bucket, then exit. Nothing is deleted.")
        {
            to,
        };
        command.SetAction((result, cancellationToken) => RunAsync(hostArgs(result), cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs);
            var options = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value;
            var source = new DiskMediaStore(options.UploadsDirectoryFullPath);
            using var target = new S3MediaStore(options.Media);
            var types = new FileExtensionContentTypeProvider();
            var (copied, present, bytes) = (0, 0, 0L);
            try
            {
                await foreach (var file in source.ListAsync(cancellationToken))
                {
                    if ((await target.StatAsync(file.Path, cancellationToken))?.Length == file.Length)
                    {
                        present++;
                        continue;
                    }

                    await using var content = await source.OpenAsync(file.Path, null, cancellationToken)
                        ?? throw new StartupException($"{file.Path} vanished from {source.Description} while it was being copied.");
                    using var buffer = new MemoryStream();
                    await content.Content.CopyToAsync(buffer, cancellationToken);
                    var type = types.TryGetContentType(file.Path, out var known) ? known : "application/octet-stream";
                    await target.PutAsync(file.Path, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), type, cancellationToken);
                    copied++;
                    bytes += file.Length;
                }
            }
            catch (MediaStoreUnavailableException exception)
            {
                throw new StartupException($"{exception.Message} ({copied} file(s) were copied before that; run the command again to go on.)", exception);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Copied {copied} file(s) ({bytes / 1048576.0:0.0} MB) from {source.Description} into {target.Description}; {present} were there already."));
            Console.WriteLine("Set Masthead__Media__Provider=S3 (and the same bucket settings) on every node to serve them from there.");
            return 0;
        });
}
