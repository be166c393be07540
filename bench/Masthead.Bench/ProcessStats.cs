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

    /// <summary>VmRSS, or 0 when the process has ended.</summary>
    public static long RssBytesOrZero(int pid)
    {
        try
        {
            return RssBytes(pid);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>Proportional set size (Pss in /proc/PID/smaps_rollup), or 0 when the process has ended or cannot be read.</summary>
    public static long PssBytesOrZero(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").First(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return long.Parse(line["Pss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return 0;
        }
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

    /// <summary>Every process named <paramref name="name"/> (/proc/PID/comm) whose command line, as it reads now, passes <paramref name="matches"/>.</summary>
    public static List<int> Find(string name, Func<string, bool> matches)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "comm")).Trim() == name && matches(File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ')))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It ended meanwhile, or is not ours to read.
            }
        }

        return found;
    }

    /// <summary>The process and its children (nginx's master and its workers).</summary>
    public static List<int> WithChildren(int pid) =>
        [pid, .. Find(File.ReadAllText($"/proc/{pid}/comm").Trim(), _ => true).Where(child => ParentOf(child) == pid)];

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture); // field 4, ppid
        }
        catch (IOException)
        {
            return 0;
        }
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

    public static CpuTime operator +(CpuTime a, CpuTime b) => new(a.User + b.User, a.System + b.System);

    public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.User - before.User, after.System - before.System);

    public override string ToString() => $"{Total.TotalSeconds:N2} s (user {User.TotalSeconds:N2} + sys {System.TotalSeconds:N2})";
}
