using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FollowUp.Bench;

/// <summary>
/// Memory per person followed (issue #12 §6: ≤ 3 KiB): the platform in one process (<see cref="Platform"/>), N persons
/// imported (J2 two days ahead on the simulated clock: a normal day's inclusions), then the managed heap and the
/// process's RSS with their activations alive, and again once they are collected (Orleans' collection forced instead of
/// waiting PersonGrain.IdleMinutes), each after a full compacting collection; with the activations and the reminders
/// Orleans holds in memory (its loading window: the others stay in the table until due). <c>./bench.sh memory [N [S]]</c>:
/// with S, the idle platform is held S seconds for a heap dump (<c>dotnet-gcdump collect -p PID</c>).
/// </summary>
public static class MemoryBench
{
    public static async Task RunAsync(string server, string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var cs = BenchKit.CreateDatabase(server, "memory");
        try
        {
            await using var platform = await Platform.StartAsync(cs);
            using var api = platform.Api();
            var management = platform.SiloServices.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            await ImportAsync(api, ImportBench.File(200)); // warm-up: code paths jitted, pools and caches filled
            var before = await IdleAsync(management);
            await ImportAsync(api, Shift(ImportBench.File(n)));
            var active = await MeasureAsync(management);
            var idle = await IdleAsync(management);
            await using var conn = new NpgsqlConnection(cs);
            var rows = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM orleansreminderstable");
            Console.WriteLine();
            Console.WriteLine($"Memory per person followed: {n} persons imported (one process: silo + web), after a full collection");
            Console.WriteLine($"{"state",-44} {"heap MiB",9} {"RSS MiB",8} {"activations",12} {"reminders in memory",20}");
            foreach (var (name, m) in new[] { ("before (200 warm-up persons, idle)", before), ("persons active", active), ("persons idle", idle) })
                Console.WriteLine($"{name,-44} {m.Heap / 1048576.0,9:F1} {m.Rss / 1048576.0,8:F1} {m.Activations,12} {m.Resident,20}");
            Console.WriteLine($"reminder rows in the table: {rows}");
            Console.WriteLine($"per person, activations alive: heap {PerPerson(active.Heap - before.Heap, n)} B, " +
                $"RSS {PerPerson(active.Rss - before.Rss, n)} B");
            Console.WriteLine($"per person, idle:              heap {PerPerson(idle.Heap - before.Heap, n)} B, " +
                $"RSS {PerPerson(idle.Rss - before.Rss, n)} B");
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            if (args.Length > 1 && int.Parse(args[1]) is > 0 and var hold) // time to take a heap dump of the idle platform
            {
                Console.WriteLine($"holding {hold} s: dotnet-gcdump collect -p {Environment.ProcessId}");
                await Task.Delay(TimeSpan.FromSeconds(hold));
            }
        }
        finally { BenchKit.DropDatabase(server, cs); }
    }

    private static string PerPerson(long bytes, int n) => (bytes / (double)n).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Measure(long Heap, long Rss, int Activations, long Resident);

    /// <summary>The measured file's persons differ from the warm-up's (externalId bench-i → mem-i, phone 061… → 062…).</summary>
    private static byte[] Shift(byte[] file) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(file).Replace("\nbench-", "\nmem-").Replace(";061", ";062"));

    private static async Task ImportAsync(HttpClient api, byte[] file)
    {
        var result = await Platform.ImportAsync(api, file);
        var accepted = result.GetProperty("accepted").GetInt32();
        if (accepted != result.GetProperty("total").GetInt32())
            throw new InvalidOperationException($"import accepted {accepted} of {result.GetProperty("total").GetInt32()}: {result}");
    }

    /// <summary>Every idle activation collected (as after PersonGrain.IdleMinutes), then measured.</summary>
    private static async Task<Measure> IdleAsync(IManagementGrain management)
    {
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(TimeSpan.FromSeconds(5)); // deactivations finish
        return await MeasureAsync(management);
    }

    private static async Task<Measure> MeasureAsync(IManagementGrain management)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var rss = long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return new Measure(GC.GetTotalMemory(false), rss, await management.GetTotalActivationCount(), ResidentReminders());
    }

    /// <summary>Orleans' gauge of the reminders its service holds in memory (orleans-reminders-active), -1 if not published.</summary>
    private static long ResidentReminders()
    {
        long value = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "orleans-reminders-active") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, v, _, _) => value = v);
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => value = v);
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
