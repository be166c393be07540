using Masthead.Core.Import;
using Masthead.Core.Import.Ghost;
using Masthead.Core.Import.WordPress;

namespace Masthead.Newsroom.Import;

/// <summary>
/// Imports started from the Import page, run in the background on this node, one at a time, each in its own scope
/// with the uploaded file in a temporary file that is deleted when it ends. The page reads the running import's
/// progress and the last one's report from here.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> logger, IHostApplicationLifetime lifetime)
{
    private readonly Lock _gate = new();

    public ImportJob? Current { get; private set; }

    /// <summary>Starts importing <paramref name="file"/>, which the job then owns; false when an import is already running.</summary>
    public bool TryStart(string source, string file, string fileName, bool dryRun, string startedBy)
    {
        lock (_gate)
        {
            if (Current is { Finished: false })
            {
                return false;
            }

            var job = Current = new ImportJob(source, fileName, dryRun, startedBy, DateTime.UtcNow);
            _ = Task.Run(() => RunAsync(job, file));
            return true;
        }
    }

    private async Task RunAsync(ImportJob job, string file)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var options = new ImportOptions(null, job.DryRun);
            job.Result = job.Source == "ghost"
                ? await services.GetRequiredService<GhostImporter>().ImportAsync(file, options, job, lifetime.ApplicationStopping)
                : await services.GetRequiredService<WordPressImporter>().ImportAsync(file, options, job, lifetime.ApplicationStopping);
        }
        catch (ImportFileException problem)
        {
            job.Error = problem.Message;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "The import of {File} failed", job.FileName);
            job.Error = "The import stopped with an error (it is in the server's log). What was written before it is kept; importing the same file again finishes it.";
        }
        finally
        {
            job.Finished = true;
            File.Delete(file);
        }
    }
}

/// <summary>One import from the Import page: where it is, and at the end its report or why it stopped.</summary>
public sealed class ImportJob(string source, string fileName, bool dryRun, string startedBy, DateTime startedAt) : IProgress<ImportProgress>
{
    public string Source { get; } = source;
    public string FileName { get; } = fileName;
    public bool DryRun { get; } = dryRun;
    public string StartedBy { get; } = startedBy;
    public DateTime StartedAt { get; } = startedAt;
    public ImportProgress Progress { get; private set; } = new("Waiting", 0, null);
    public ImportReport? Result { get; set; }
    public string? Error { get; set; }
    public volatile bool Finished;

    public void Report(ImportProgress value) => Progress = value;
}
