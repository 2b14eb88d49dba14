using System.Diagnostics;

namespace FollowUp.Bench;

/// <summary>
/// CPU-seconds (user + system) of this process and of the local PostgreSQL cluster (its postmaster, the children it has
/// reaped and its live backends, from /proc; <c>FOLLOWUP_BENCH_PGDATA</c>, set by ./bench.sh, names its data directory):
/// on a shared machine CPU per item moves much less than a wall rate (scripts/cpu.sh does the same for ./run.sh's processes).
/// </summary>
public static class ProcessCpu
{
    private static readonly double Tick = 1.0 / 100; // USER_HZ: /proc's clock ticks are 1/100 s on Linux

    /// <summary>This process's CPU-seconds (the silo and the web, when the platform runs in it).</summary>
    public static double Self() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>The local PostgreSQL's CPU-seconds, or null when its data directory is not known.</summary>
    public static double? Postgres()
    {
        var data = Environment.GetEnvironmentVariable("FOLLOWUP_BENCH_PGDATA");
        if (data is null || !File.Exists(Path.Combine(data, "postmaster.pid"))) return null;
        var postmaster = File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim();
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var stat = Stat(Path.Combine(dir, "stat"));
            if (stat is null) continue;
            if (Path.GetFileName(dir) == postmaster) total += (stat.Value.Own + stat.Value.Children) * Tick;
            else if (stat.Value.Parent == postmaster) total += stat.Value.Own * Tick;
        }
        return total;
    }

    private static (string Parent, long Own, long Children)? Stat(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' '); // after the command name: state is field 3
        return (f[1], long.Parse(f[11]) + long.Parse(f[12]), long.Parse(f[13]) + long.Parse(f[14]));
    }
}
