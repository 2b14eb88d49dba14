using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Bench;

/// <summary>
/// Event → dashboard latency: an outcome recorded through the API until a dashboard observer (the same grain-observer
/// path each web node uses before its SignalR hop) holds a snapshot counting it. Baseline: the outcome request itself.
/// </summary>
public static class DashboardBench
{
    public static async Task RunAsync(string server, string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0]) : 200;
        var cs = BenchKit.CreateDatabase(server, "dash");
        try
        {
            await using var platform = await Platform.StartAsync(cs);
            using var api = platform.Api();
            var today = (await api.GetFromJsonAsync<JsonElement>("/api/simulation/clock")).GetProperty("now").GetDateTimeOffset().AddDays(-3);
            Console.WriteLine($"Including {n} persons whose call is due...");
            await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
                (await api.PostAsJsonAsync("/api/persons", new
                {
                    externalId = $"dash-{i}",
                    kind = "contact",
                    firstName = "A",
                    lastName = "B",
                    phone = $"04910{i:00000}",
                    department = "13",
                    inclusionDate = today.ToString("yyyy-MM-dd"),
                })).EnsureSuccessStatusCode());

            var grains = platform.SiloServices.GetRequiredService<IGrainFactory>();
            var observer = new Observer();
            var reference = grains.CreateObjectReference<IDashboardObserver>(observer);
            await grains.GetGrain<IReportingGrain>(0).Subscribe(reference);
            var baseline = new List<double>();
            var latency = new List<double>();
            for (var i = 0; i < n; i++)
            {
                var call = await (await api.PostAsync("/api/operators/bench-op/next", null)).Content.ReadFromJsonAsync<JsonElement>();
                var expected = observer.CallsMade + 1;
                var arrived = observer.WaitFor(expected);
                var t = Stopwatch.GetTimestamp();
                (await api.PostAsJsonAsync($"/api/calls/{call.GetProperty("callId").GetString()}/outcome", new { outcome = "voicemail" }))
                    .EnsureSuccessStatusCode();
                baseline.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                await arrived.WaitAsync(TimeSpan.FromSeconds(30));
                latency.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            var b = baseline.Order().ToArray();
            var l = latency.Order().ToArray();
            var wall = TimeSpan.FromMilliseconds(l.Sum());
            BenchKit.Table($"Event → dashboard — {n} outcomes recorded through the API, one at a time",
                ("baseline: POST /api/calls/{id}/outcome", b, TimeSpan.FromMilliseconds(b.Sum()), b),
                ("outcome → snapshot at the web node's observer", l, wall, b));
        }
        finally { BenchKit.DropDatabase(server, cs); }
    }

    private sealed class Observer : IDashboardObserver
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiting = new();
        public int CallsMade;

        public Task WaitFor(int calls) =>
            _waiting.GetOrAdd(calls, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public Task Update(LiveSnapshot snapshot)
        {
            CallsMade = Math.Max(CallsMade, snapshot.CallsMade);
            foreach (var (k, tcs) in _waiting) if (k <= snapshot.CallsMade && _waiting.TryRemove(k, out _)) tcs.TrySetResult();
            return Task.CompletedTask;
        }

        public Task PersonsChanged(List<Guid> personIds) => Task.CompletedTask; // the bench measures the figures only
    }
}
