using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using FollowUp.Silo.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace FollowUp.Bench;

/// <summary>
/// "Next call" at national scale: 100k due calls, 500 concurrent operators each reserving the best call
/// (CallQueueStore.ReserveNextCallAsync, the query "Appel suivant" runs) then completing it. Baseline: a primary-key read
/// of the same table at the same concurrency.
/// </summary>
public static class NextCallBench
{
    public static async Task RunAsync(string server, string[] args)
    {
        var dueCalls = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var operators = args.Length > 1 ? int.Parse(args[1]) : 500;
        var reservations = args.Length > 2 ? int.Parse(args[2]) : 20_000;
        var cs = BenchKit.CreateDatabase(server, "next");
        try
        {
            await using var ds = NpgsqlDataSource.Create(cs);
            var db = new CallQueueStore(ds);
            var now = DateTimeOffset.UtcNow;
            Console.WriteLine($"Seeding {dueCalls} due calls...");
            await SeedAsync(ds, dueCalls, now);
            var ids = (await ds.OpenConnection().QueryAsync<Guid>("SELECT person_id FROM due_calls")).ToArray();

            var baseline = await BenchKit.MeasureAsync(operators, reservations, async i =>
            {
                await using var conn = await ds.OpenConnectionAsync();
                await conn.QuerySingleOrDefaultAsync<string>("SELECT milestone FROM due_calls WHERE person_id = @id AND milestone_id = 'J2'",
                    new { id = ids[i % ids.Length] });
            });
            var next = await BenchKit.MeasureAsync(operators, reservations, async i =>
            {
                var op = $"op-{i % operators}";
                var r = await db.ReserveNextCallAsync(op, [], now, now.AddMinutes(20));
                if (r is { } x)
                {
                    await using var conn = await ds.OpenConnectionAsync(); // the outcome removes the call from the index
                    await conn.ExecuteAsync("DELETE FROM due_calls WHERE person_id = @p AND milestone_id = @m",
                        new { p = x.PersonId, m = x.MilestoneId });
                }
            });
            var departments = await BenchKit.MeasureAsync(operators, reservations / 4, async i =>
                await db.ReserveNextCallAsync($"dep-op-{i % operators}", [$"{10 + i % 80}"], now, now.AddMinutes(20)));
            BenchKit.Table($"Next call — {dueCalls} due calls, {operators} concurrent operators, {reservations} reservations (Npgsql pool 100)",
                ("baseline: primary-key read of due_calls", baseline.Ms, baseline.Wall, baseline.Ms),
                ("reserve next call + complete it", next.Ms, next.Wall, baseline.Ms),
                ("reserve next call, one department filter", departments.Ms, departments.Wall, baseline.Ms));
        }
        finally { BenchKit.DropDatabase(server, cs); }
    }

    /// <summary>
    /// "Next call" during the burst (./bench.sh burst): <paramref name="operators"/> operators over the JSON API of the
    /// running platform each ask for the next call, hold it a moment, record "no answer" and ask again (or wait 0.5 s
    /// when none is due), until <paramref name="stopFile"/> exists. Prints one line: requests, calls taken, errors, p50, p99 (ms).
    /// </summary>
    public static async Task<int> RunApiAsync(string web, string key, int operators, string stopFile)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = operators })
        {
            BaseAddress = new Uri(web),
            Timeout = TimeSpan.FromSeconds(120)
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        int taken = 0, errors = 0;
        await Task.WhenAll(Enumerable.Range(0, operators).Select(async i =>
        {
            var rnd = new Random(i);
            while (!File.Exists(stopFile))
            {
                var t = Stopwatch.GetTimestamp();
                HttpResponseMessage r;
                try { r = await http.PostAsync($"/api/operators/burst-op-{i}/next", null); }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); await Task.Delay(500); continue; }
                catch (TaskCanceledException) { Interlocked.Increment(ref errors); continue; }
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (r.StatusCode == System.Net.HttpStatusCode.NoContent) { await Task.Delay(500); continue; }
                if (!r.IsSuccessStatusCode) { Interlocked.Increment(ref errors); await Task.Delay(200); continue; }
                Interlocked.Increment(ref taken);
                var callId = (await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("callId").GetString();
                await Task.Delay(rnd.Next(1000, 3000)); // the call itself
                try
                {
                    if (!(await http.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "noAnswer" })).IsSuccessStatusCode)
                        Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
            }
        }));
        var sorted = latencies.Order().ToArray();
        Console.WriteLine(sorted.Length == 0 ? $"0 {taken} {errors} - -"
            : $"{sorted.Length} {taken} {errors} {BenchKit.P(sorted, .5):F0} {BenchKit.P(sorted, .99):F0}");
        return 0;
    }

    private static async Task SeedAsync(NpgsqlDataSource ds, int n, DateTimeOffset now)
    {
        await using var conn = await ds.OpenConnectionAsync();
        var types = new[] { "J2", "J4", "J7", "J7TestFollowUp", "J9" };
        await using (var w = await conn.BeginBinaryImportAsync("COPY due_calls (person_id, milestone_id, milestone, due_at, urgent, " +
            "socially_vulnerable, department, rank) FROM STDIN (FORMAT BINARY)"))
        {
            var rnd = new Random(42);
            for (var i = 0; i < n; i++)
            {
                var type = types[rnd.Next(types.Length)];
                var urgent = rnd.Next(50) == 0;
                var vulnerable = rnd.Next(10) == 0;
                await w.StartRowAsync();
                await w.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await w.WriteAsync("J2", NpgsqlDbType.Text);
                await w.WriteAsync(type, NpgsqlDbType.Text);
                await w.WriteAsync(now.AddMinutes(-rnd.Next(0, 3 * 24 * 60)).UtcDateTime, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(urgent, NpgsqlDbType.Boolean);
                await w.WriteAsync(vulnerable, NpgsqlDbType.Boolean);
                await w.WriteAsync($"{10 + rnd.Next(80)}", NpgsqlDbType.Text);
                await w.WriteAsync((urgent ? 0 : 1000) + (vulnerable ? 0 : 100) + Array.IndexOf(types, type) + 1, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        await conn.ExecuteAsync("ANALYZE due_calls");
    }
}
