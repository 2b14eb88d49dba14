using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace FollowUp.Silo.Hosting;

/// <summary>
/// Where a silo's start-up time goes (the restart after a kill -9 is timed by it): from the process start (runtime
/// start and JIT up to Main) through each step <see cref="Mark"/>ed, printed with the "Silo ready" line, each with the
/// CPU time the process spent in it (user + system, all threads): on a starved host the wall time is about the CPU
/// needed divided by the share the process gets, so the CPU is what a start-up cut must lower. The line ends with the
/// methods the JIT compiled so far and the time it took (<see cref="JitInfo"/>).
/// </summary>
public sealed class StartupClock
{
    private readonly Stopwatch _sinceMain = Stopwatch.StartNew();
    private readonly TimeSpan _beforeMain;
    private readonly TimeSpan _cpuBeforeMain;
    private readonly List<(string Step, TimeSpan Took, TimeSpan Cpu)> _steps = [];
    private TimeSpan _last;
    private TimeSpan _lastCpu;

    private StartupClock(TimeSpan beforeMain, TimeSpan cpuBeforeMain) =>
        (_beforeMain, _cpuBeforeMain, _lastCpu) = (beforeMain, cpuBeforeMain, cpuBeforeMain);

    public static StartupClock Start()
    {
        using var process = Process.GetCurrentProcess();
        return new StartupClock(DateTime.Now - process.StartTime, process.TotalProcessorTime);
    }

    /// <summary>The step that ends now.</summary>
    public void Mark(string step)
    {
        var now = _sinceMain.Elapsed;
        var cpu = Cpu();
        _steps.Add((step, now - _last, cpu - _lastCpu));
        (_last, _lastCpu) = (now, cpu);
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public override string ToString()
    {
        var steps = string.Join(", ", _steps.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Step} {s.Took.TotalSeconds:0.0} s (CPU {s.Cpu.TotalSeconds:0.00} s)")));
        return string.Create(CultureInfo.InvariantCulture,
            $"Started in {(_beforeMain + _last).TotalSeconds:0.0} s, CPU {_lastCpu.TotalSeconds:0.00} s: runtime start " +
            $"{_beforeMain.TotalSeconds:0.0} s (CPU {_cpuBeforeMain.TotalSeconds:0.00} s), {steps}. JIT so far: " +
            $"{JitInfo.GetCompiledMethodCount():N0} methods, {JitInfo.GetCompilationTime().TotalSeconds:0.00} s.");
    }
}
