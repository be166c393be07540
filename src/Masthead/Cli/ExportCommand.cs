using System.CommandLine;
using System.Globalization;
using Masthead.Core.Export;
using Masthead.Core.Media;
using Masthead.Hosting;

namespace Masthead.Cli;

/// <summary>`masthead export FILE.json [--media FILE.zip]`: the whole publication as a Ghost export, and its media as a zip.</summary>
internal static class ExportCommand
{
    public static Command Create(Func<ParseResult, string[]> hostArgs)
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the export, a .json file in Ghost's format (replaced if it exists)." };
        var media = new Option<FileInfo?>("--media")
        {
            Description = "Also write every photo and document into this .zip, laid out as Ghost's content/images folder (unzipped, the folder `import ghost --images` takes).",
        };
        var command = new Command("export",
            "Export every article (in any state), page, section, tag and staff member as a Ghost export, which Ghost and `masthead import ghost` read.")
        {
            file, media,
        };
        command.SetAction((result, cancellationToken) => RunAsync(hostArgs(result), result.GetValue(file)!, result.GetValue(media), cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(string[] hostArgs, FileInfo file, FileInfo? media, CancellationToken cancellationToken) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs);
            await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var summary = await OutputFile.WriteAsync(file, stream => scope.ServiceProvider.GetRequiredService<GhostExportWriter>().WriteAsync(stream, cancellationToken));
            Console.WriteLine($"Wrote {summary.Posts:N0} articles, {summary.Pages:N0} pages, {summary.Tags:N0} sections and tags and {summary.Users:N0} staff to {file.FullName}.");
            if (media is not null)
            {
                try
                {
                    var zip = scope.ServiceProvider.GetRequiredService<MediaExportZip>();
                    var (files, bytes) = await OutputFile.WriteAsync(media, stream => zip.WriteAsync(stream, cancellationToken));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {files:N0} media files ({bytes / 1048576.0:0.0} MB) to {media.FullName}."));
                }
                catch (MediaStoreUnavailableException exception)
                {
                    throw new StartupException($"{exception.Message} The media zip was not written.", exception);
                }
            }

            return 0;
        });
}
