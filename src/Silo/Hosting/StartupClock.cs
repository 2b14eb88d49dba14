using System.Diagnostics;
using System.Globalization;

namespace FollowUp.Silo.Hosting;

/// <summary>
/// Where a silo's start-up time goes (the restart after a kill -9 is timed by it): from the process start (runtime
/// start and JIT up to Main) through each step <see cref="Mark"/>ed, printed with the "Silo ready" line.
/// </summary>
public sealed class StartupClock
{
    private readonly Stopwatch _sinceMain = Stopwatch.StartNew();
    private readonly TimeSpan _beforeMain;
    private readonly List<(string Step, TimeSpan Took)> _steps = [];
    private TimeSpan _last;

    private StartupClock(TimeSpan beforeMain) => _beforeMain = beforeMain;

    public static StartupClock Start()
    {
        using var process = Process.GetCurrentProcess();
        return new StartupClock(DateTime.Now - process.StartTime);
    }

    /// <summary>The step that ends now.</summary>
    public void Mark(string step)
    {
        var now = _sinceMain.Elapsed;
        _steps.Add((step, now - _last));
        _last = now;
    }

    public override string ToString()
    {
        var steps = string.Join(", ", _steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Step} {s.Took.TotalSeconds:0.0} s")));
        return string.Create(CultureInfo.InvariantCulture,
            $"Started in {(_beforeMain + _last).TotalSeconds:0.0} s: runtime start {_beforeMain.TotalSeconds:0.0} s, {steps}.");
    }
}
