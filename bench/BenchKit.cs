using System.Diagnostics;
using Npgsql;

namespace FollowUp.Bench;

public static class BenchKit
{
    /// <summary>A fresh migrated database on the bench server.</summary>
    public static string CreateDatabase(string server, string prefix, int maxPool = 100)
    {
        var b = new NpgsqlConnectionStringBuilder(server) { Database = $"bench_{prefix}_{Guid.NewGuid():N}"[..40], MaxPoolSize = maxPool };
        FollowUp.Silo.Infrastructure.Migrator.Migrate(b.ConnectionString);
        return b.ConnectionString;
    }

    public static void DropDatabase(string server, string cs)
    {
        var name = new NpgsqlConnectionStringBuilder(cs).Database;
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(server);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="op"/> <paramref name="total"/> times from <paramref name="workers"/> concurrent workers; returns sorted
    /// latencies (ms) and wall time.</summary>
    public static async Task<(double[] Ms, TimeSpan Wall)> MeasureAsync(int workers, int total, Func<int, Task> op)
    {
        var latencies = new double[total];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var t = Stopwatch.GetTimestamp();
                await op(i);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }));
        wall.Stop();
        Array.Sort(latencies);
        return (latencies, wall.Elapsed);
    }

    public static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    public static void Table(string title, params (string Name, double[] Ms, TimeSpan Wall, double[] Baseline)[] rows)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"{"measure",-44} {"p50 ms",8} {"p99 ms",8} {"ops/s",9} {"p50 ×base",10} {"p99 ×base",10}");
        foreach (var (name, ms, wall, b) in rows)
            Console.WriteLine($"{name,-44} {P(ms, .5),8:F2} {P(ms, .99),8:F2} {ms.Length / wall.TotalSeconds,9:F0} {P(ms, .5) / P(b, .5),10:F2} " +
                $"{P(ms, .99) / P(b, .99),10:F2}");
    }
}
