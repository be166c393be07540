using System.Runtime.InteropServices;

namespace Masthead.Bench;

/// <summary>What the figures were measured on: they mean little without it.</summary>
public static class MachineInfo
{
    public static string Cpu =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    public static string Kernel => File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;

    /// <summary>The 1, 5 and 15 minute load averages: anything else running on the two cores shows up in every figure.</summary>
    public static string LoadAverage => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static string Describe => $"{Cpu}, {Environment.ProcessorCount} cores, Linux {Kernel}, .NET {Environment.Version}";
}
