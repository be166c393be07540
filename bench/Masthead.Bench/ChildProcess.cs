using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Masthead.Bench;

/// <summary>Stopping a process this bench started: politely first, so it can close its database, then by force.</summary>
public static class ChildProcess
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM and waits up to <paramref name="grace"/> for the process to exit; then kills it and its children.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            if (Kill(process.Id, SigTerm) == 0)
            {
                using var wait = new CancellationTokenSource(grace);
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                    return;
                }
                catch (OperationCanceledException)
                {
                    // It did not stop in time.
                }
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It has already gone.
        }
    }

    /// <summary>Kills the process and its children at once, if it is still running.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It has already gone.
        }
    }

    /// <summary>Runs a program to its end; its output, or an error with it when it failed.</summary>
    public static async Task<string> RunAsync(string file, string[] arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? await output
                : throw new BenchException($"`{Path.GetFileName(file)} {string.Join(' ', arguments)}` failed ({process.ExitCode}):\n{await output}{await errors}");
        }
        finally
        {
            Kill(process);
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
