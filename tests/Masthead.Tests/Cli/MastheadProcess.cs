using System.Diagnostics;
using Masthead.Testing;

namespace Masthead.Tests.Cli;

/// <summary>Runs the built `masthead` executable as an operator would, in a working directory of its own.</summary>
internal sealed class MastheadProcess : IDisposable, IAsyncDisposable
{
    private const string Setpriv = "/usr/bin/setpriv";

    private const UnixFileMode EveryoneMayWrite =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private string[] _databaseArguments = [];

    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("masthead-cli-").FullName;

    public string DatabasePath => Path.Combine(WorkingDirectory, "data", "masthead.db");

    /// <summary>
    /// A process whose commands all run on the suite's database, as <see cref="TestDatabase"/> says: the SQLite file
    /// in its working directory, or a PostgreSQL database of its own (dropped on dispose) in the PostgreSQL suite.
    /// </summary>
    public static async Task<MastheadProcess> OnTestDatabaseAsync()
    {
        var process = new MastheadProcess();
        process._databaseArguments = await TestDatabase.ArgumentsForAsync(process.WorkingDirectory);
        return process;
    }

    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync("dotnet", [], args);

    /// <summary>
    /// Runs as a user without root's power to write any file: as nobody when the tests run as root (as in CI), whom
    /// the working directory is opened to.
    /// </summary>
    public Task<(int ExitCode, string Output, string Error)> RunUnprivilegedAsync(params string[] args)
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess)
        {
            return RunAsync(args);
        }

        TestEnvironment.Require(File.Exists(Setpriv), $"the tests run as root and {Setpriv} (util-linux), needed to run masthead as nobody, is missing");
        foreach (var directory in Directory.GetDirectories(WorkingDirectory, "*", SearchOption.AllDirectories).Prepend(WorkingDirectory))
        {
            File.SetUnixFileMode(directory, EveryoneMayWrite);
        }

        return RunAsync(Setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet"], args);
    }

    /// <summary>Starts a command that runs until stopped, such as serve; the caller reads its output and kills it.</summary>
    public Process Start(params string[] args) => Process.Start(StartInfo("dotnet", [], args))!;

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] programArgs, string[] args)
    {
        using var process = Process.Start(StartInfo(program, programArgs, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    private ProcessStartInfo StartInfo(string program, string[] programArgs, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in programArgs.Append(Path.Combine(AppContext.BaseDirectory, "masthead.dll")).Concat(args).Concat(_databaseArguments))
        {
            start.ArgumentList.Add(arg);
        }

        TestEnvironment.PrepareMastheadProcess(start);
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        if (_databaseArguments.Length > 0)
        {
            await TestDatabase.DropAsync(WorkingDirectory);
        }

        Dispose();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(WorkingDirectory, recursive: true);
    }
}
