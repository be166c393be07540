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

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
