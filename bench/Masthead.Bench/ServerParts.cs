namespace Masthead.Bench;

/// <summary>A server the suite measures: where it answers, and the processes that serve it.</summary>
public interface IMeasuredServer
{
    Uri BaseAddress { get; }

    /// <summary>
    /// The processes that serve, by part, as they are now: one Masthead process; or the nodes, nginx, PostgreSQL's
    /// backends and Redis (backends come and go with the connection pools, so ask again rather than keep the list).
    /// </summary>
    IReadOnlyList<ProcessPart> Parts();
}

/// <summary>
/// Processes doing one job for a server, e.g. "nodes" or "PostgreSQL"; DotNet when they run .NET (and so have a JIT
/// thread). SharedMemory: they map memory together (PostgreSQL's shared buffers), so their memory is summed as PSS,
/// each shared page divided among the processes that map it, rather than as VmRSS, which would count it in each.
/// </summary>
public sealed record ProcessPart(string Name, IReadOnlyList<int> Pids, bool DotNet, bool SharedMemory = false)
{
    /// <summary>The part's resident memory: VmRSS summed, or PSS for processes sharing memory; processes that have gone count 0.</summary>
    public long MemoryBytes() => Pids.Sum(pid => SharedMemory ? ProcessStats.PssBytesOrZero(pid) : ProcessStats.RssBytesOrZero(pid));
}

/// <summary>A server's CPU time and memory summed over its processes, from /proc.</summary>
public static class MeasuredServers
{
    /// <summary>User and system CPU time so far of every process that serves.</summary>
    public static CpuTime CpuTime(this IMeasuredServer server) => CpuSnapshot.Take(server.Parts()).Total;

    /// <summary>CPU time so far of the tiered-compilation (JIT) threads of the .NET processes.</summary>
    public static TimeSpan JitCpuTime(this IMeasuredServer server) => Sum(server, ProcessStats.JitCpuTime);

    /// <summary>CPU time so far of the garbage collectors' own threads (server GC and background GC) of the .NET processes.</summary>
    public static TimeSpan GcCpuTime(this IMeasuredServer server) => Sum(server, pid =>
        ProcessStats.CpuTimeByThread(pid).Where(t => t.Key is ".NET Server GC" or ".NET BGC").Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Value));

    /// <summary>Resident memory of every process that serves, from VmRSS in /proc/PID/status.</summary>
    public static long RssBytes(this IMeasuredServer server) => server.Parts().Sum(p => p.MemoryBytes());

    /// <summary>Resident memory of each part's processes, in the order of the parts.</summary>
    public static IReadOnlyList<(string Part, long Bytes)> RssByPart(this IMeasuredServer server) =>
        [.. server.Parts().Select(p => (p.Name, p.MemoryBytes()))];

    /// <summary>
    /// RSS once it has settled: sampled every half second until it moved less than 1 MB over two seconds (at most
    /// 20 s), since the runtime keeps finishing JIT and GC work for a moment after a burst.
    /// </summary>
    public static async Task<long> SettledRssAsync(this IMeasuredServer server, CancellationToken cancellationToken)
    {
        var samples = new List<long> { server.RssBytes() };
        for (var waited = 0; waited < 40 && (samples.Count < 5 || Math.Abs(samples[^1] - samples[^5]) >= 1 << 20); waited++)
        {
            await Task.Delay(500, cancellationToken);
            samples.Add(server.RssBytes());
        }

        return samples[^1];
    }

    private static TimeSpan Sum(IMeasuredServer server, Func<int, TimeSpan> measure) =>
        server.Parts().Where(p => p.DotNet).SelectMany(p => p.Pids).Aggregate(TimeSpan.Zero, (sum, pid) => sum + measure(pid));
}

/// <summary>
/// The CPU time of each process of a server's parts at one moment. The difference of two is counted per process: a
/// process that started in between counts from zero; one that ended in between is lost (its time is no longer in /proc).
/// </summary>
public sealed class CpuSnapshot
{
    private readonly Dictionary<(string Part, int Pid), CpuTime> _byProcess;

    private CpuSnapshot(Dictionary<(string Part, int Pid), CpuTime> byProcess) => _byProcess = byProcess;

    public CpuTime Total => _byProcess.Values.Aggregate(default(CpuTime), (sum, cpu) => sum + cpu);

    public static CpuSnapshot Take(IReadOnlyList<ProcessPart> parts)
    {
        var byProcess = new Dictionary<(string, int), CpuTime>();
        foreach (var part in parts)
        {
            foreach (var pid in part.Pids)
            {
                try
                {
                    byProcess[(part.Name, pid)] = ProcessStats.CpuTime(pid);
                }
                catch (IOException)
                {
                    // It ended meanwhile.
                }
            }
        }

        return new CpuSnapshot(byProcess);
    }

    /// <summary>The CPU time each part used since <paramref name="before"/>, in the order the parts came.</summary>
    public IReadOnlyList<(string Part, CpuTime Cpu)> Since(CpuSnapshot before) =>
        [.. _byProcess.GroupBy(p => p.Key.Part).Select(g => (g.Key, g.Aggregate(default(CpuTime),
            (sum, p) => sum + (p.Value - before._byProcess.GetValueOrDefault(p.Key)))))];
}
