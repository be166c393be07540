using System.Globalization;

namespace Masthead.Bench;

/// <summary>What Linux says about a process in /proc: its resident memory and the CPU time it has used.</summary>
public static class ProcessStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ: what /proc/PID/stat counts in on Linux

    /// <summary>Resident memory, from VmRSS in /proc/PID/status.</summary>
    public static long RssBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>User and system CPU time so far, from utime and stime in /proc/PID/stat.</summary>
    public static CpuTime CpuTime(int pid) => ParseStat(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>CPU time so far of the runtime's tiered-compilation (JIT) thread.</summary>
    public static TimeSpan JitCpuTime(int pid) => CpuTimeByThread(pid).GetValueOrDefault(".NET Tiered Com"); // names are cut at 15 characters

    /// <summary>
    /// CPU time so far per thread name (/proc/PID/task/*/comm). Only threads alive now count, so this is reliable for
    /// long-lived threads such as the JIT's and the GC's, not for thread-pool workers, which come and go.
    /// </summary>
    public static Dictionary<string, TimeSpan> CpuTimeByThread(int pid)
    {
        var byName = new Dictionary<string, TimeSpan>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                byName[name] = byName.GetValueOrDefault(name) + ParseStat(File.ReadAllText(Path.Combine(task, "stat"))).Total;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return byName;
    }

    private static CpuTime ParseStat(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields[0] is field 3 (state)
        return new CpuTime(Seconds(fields[14 - 3]), Seconds(fields[15 - 3]));

        static TimeSpan Seconds(string ticks) => TimeSpan.FromSeconds(long.Parse(ticks, CultureInfo.InvariantCulture) / ClockTicksPerSecond);
    }
}

public readonly record struct CpuTime(TimeSpan User, TimeSpan System)
{
    public TimeSpan Total => User + System;

    public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.User - before.User, after.System - before.System);

    public override string ToString() => $"{Total.TotalSeconds:N2} s (user {User.TotalSeconds:N2} + sys {System.TotalSeconds:N2})";
}
