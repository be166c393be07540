using System.Diagnostics;

namespace Masthead.Tests.Cli;

/// <summary>Runs the built `masthead` executable as an operator would, in a working directory of its own.</summary>
internal sealed class MastheadProcess : IDisposable
{
    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("masthead-cli-").FullName;

    public string DatabasePath => Path.Combine(WorkingDirectory, "data", "masthead.db");

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "masthead.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(WorkingDirectory, recursive: true);
    }
}
