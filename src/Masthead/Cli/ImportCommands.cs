using System.CommandLine;
using System.Runtime;
using Masthead.Core.Import;
using Masthead.Core.Import.Ghost;
using Masthead.Core.Import.WordPress;
using Masthead.Hosting;

namespace Masthead.Cli;

/// <summary>`masthead import wordpress FILE.xml [--media DIR]` and `masthead import ghost EXPORT.json [--images DIR]`, each with `--dry-run`.</summary>
internal static class ImportCommands
{
    public static Command Create(Func<ParseResult, string[]> hostArgs)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Read the file and report what would be imported, writing nothing.", Recursive = true };

        var wxr = new Argument<FileInfo>("file") { Description = "The WordPress export (Tools › Export › All content), a .xml file." };
        var media = new Option<DirectoryInfo?>("--media")
        {
            Description = "A copy of the old site's wp-content/uploads folder; attachments and images are taken from it by their path.",
        };
        var wordpress = new Command("wordpress", "Import a WordPress export: posts, pages, categories, tags, authors and their media.") { wxr, media };
        wordpress.SetAction((result, cancellationToken) => RunAsync(hostArgs(result), result.GetValue(wxr)!, result.GetValue(dryRun), cancellationToken,
            (services, file, progress) => services.GetRequiredService<WordPressImporter>()
                .ImportAsync(file, new ImportOptions(result.GetValue(media)?.FullName, result.GetValue(dryRun)), progress, cancellationToken)));

        var json = new Argument<FileInfo>("file") { Description = "The Ghost export (Settings › Advanced › Import/Export › Export), a .json file." };
        var images = new Option<DirectoryInfo?>("--images") { Description = "A copy of the old site's content/images folder; images are taken from it by their path." };
        var ghost = new Command("ghost", "Import a Ghost export (Ghost 4, 5 or 6, or Masthead's own): posts, pages, tags, staff and images.") { json, images };
        ghost.SetAction((result, cancellationToken) => RunAsync(hostArgs(result), result.GetValue(json)!, result.GetValue(dryRun), cancellationToken,
            (services, file, progress) => services.GetRequiredService<GhostImporter>()
                .ImportAsync(file, new ImportOptions(result.GetValue(images)?.FullName, result.GetValue(dryRun)), progress, cancellationToken)));

        return new Command("import", "Import an archive from WordPress or Ghost. Running the same import again updates what it imported before.")
        {
            dryRun, wordpress, ghost,
        };
    }

    private static Task<int> RunAsync(
        string[] hostArgs, FileInfo file, bool dryRun, CancellationToken cancellationToken,
        Func<IServiceProvider, string, IProgress<ImportProgress>, Task<ImportReport>> import) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            if (!file.Exists)
            {
                throw new StartupException($"There is no file {file.FullName}.");
            }

            // Nobody waits on a command-line import between batches: without the background collector, which needs
            // room of its own while the import goes on allocating, the peak memory is 20 MB lower and the run no slower.
            GCSettings.LatencyMode = GCLatencyMode.Batch;
            await using var app = MastheadApp.Build(hostArgs);
            await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                var progress = new ConsoleProgress();
                var report = await import(scope.ServiceProvider, file.FullName, progress);
                progress.End();
                ImportReportText.Write(report, Console.Out);
                return 0;
            }
            catch (ImportFileException problem)
            {
                throw new StartupException(problem.Message, problem);
            }
        });

    /// <summary>A line saying how far the import is, written over itself every thousand items (on a terminal only).</summary>
    private sealed class ConsoleProgress : IProgress<ImportProgress>
    {
        private bool _wrote;

        public void Report(ImportProgress value)
        {
            if (Console.IsErrorRedirected || value.Done % 1000 != 0 || value.Done == 0)
            {
                return;
            }

            Console.Error.Write($"\r{value.Stage}: {value.Done:N0} of {value.Total:N0}");
            _wrote = true;
        }

        public void End()
        {
            if (_wrote)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
