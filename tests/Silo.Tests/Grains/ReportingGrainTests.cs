using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// The reporting grain as a shell over its jobs, on a cluster of its own (its clock moves): events applied move the
/// live snapshot, subscribed web nodes get coalesced pushes and the persons that changed, a new day starts from zero,
/// a closed day is kept once (not again at the following ticks).
/// </summary>
public class ReportingGrainTests(ClusterFixture fx) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private IReportingGrain Reporting => fx.Client.GetGrain<IReportingGrain>(0);

    private DateTimeOffset Now => fx.ClockOf().GetUtcNow();

    private static PersonEvent Event(string name, DateTimeOffset at, string? detail = null) =>
        new(Guid.NewGuid(), 1, at, name, Actors.System, detail);

    [Fact]
    public async Task Applied_events_move_the_live_snapshot_once_each()
    {
        var before = await Reporting.Live();
        var now = Now;
        List<PersonEvent> events =
        [
            Event(TimelineEvents.Included, now), Event(TimelineEvents.SmsSent, now), Event(TimelineEvents.SmsSent, now),
            Event(TimelineEvents.QuestionnaireAnswered, now),
        ];
        await Reporting.Apply(events, [new OperatorStatusView("op-report", OperatorStatus.Available, null, now)]);
        await Reporting.Apply(events, []); // the same events again (a batch sent twice): counted once

        var after = await Reporting.Live();
        Assert.Equal(before.Inclusions + 1, after.Inclusions);
        Assert.Equal(before.SmsSent + 2, after.SmsSent);
        Assert.Equal(before.QuestionnairesCompleted + 1, after.QuestionnairesCompleted);
        Assert.Equal(OperatorStatus.Available, Assert.Single(after.Operators, o => o.OperatorId == "op-report").Status);
    }

    [Fact]
    public Task Subscribed_observers_get_coalesced_pushes_of_the_latest_figures() => SubscribedAsync(async observer =>
    {
        var expected = (await Reporting.Live()).SmsSent + 100;
        for (var i = 0; i < 100; i++) await Reporting.Apply([Event(TimelineEvents.SmsSent, Now)], []);

        var last = await PollAsync(() => observer.Pushes.LastOrDefault(p => p.SmsSent == expected));
        Assert.Equal(expected, last.SmsSent);
        var pushes = observer.Pushes.ToList();
        Assert.True(pushes.Count < 100, $"{pushes.Count} pushes for 100 batches: not coalesced");
        Assert.Equal(pushes.Select(p => p.SmsSent).Order(), pushes.Select(p => p.SmsSent)); // never an older figure after a newer
    });

    [Fact]
    public Task Persons_whose_record_changed_are_told_to_the_observers() => SubscribedAsync(async observer =>
    {
        var (one, two) = (Guid.NewGuid(), Guid.NewGuid());
        await Reporting.PersonsChanged([one, two]);
        await PollAsync(() => observer.Changed.Contains(two) ? observer : null);
        Assert.Equal([one, two], observer.Changed);
    });

    [Fact]
    public async Task A_web_node_that_never_answers_does_not_hold_back_the_others()
    {
        // A node that died or hangs, subscribed first. Were the pushes awaited, every one would wait for it until
        // Orleans' response timeout (30 s) before reaching the live node: the bound below is well under that.
        var stuck = new StuckObserver();
        var stuckReference = fx.Client.CreateObjectReference<IDashboardObserver>(stuck);
        try
        {
            await Reporting.Subscribe(stuckReference);
            await SubscribedAsync(async observer =>
            {
                var changed = Guid.NewGuid();
                await Reporting.PersonsChanged([changed]);
                for (var until = DateTime.UtcNow.AddSeconds(15); !observer.Changed.Contains(changed) || stuck.Calls == 0; await Task.Delay(100))
                    Assert.True(DateTime.UtcNow < until, "the live node was not told while the stuck one had not answered");
            });
        }
        finally
        {
            stuck.Release.TrySetResult();
            fx.Client.DeleteObjectReference<IDashboardObserver>(stuckReference);
        }
    }

    [Fact]
    public async Task A_new_day_starts_from_zero_and_ignores_the_day_before()
    {
        await Reporting.Apply([Event(TimelineEvents.SmsSent, Now), Event(TimelineEvents.Included, Now)], []);
        var day = (await Reporting.Live()).Date;
        Assert.True((await Reporting.Live()).SmsSent > 0);

        var next = day.AddDays(1);
        await fx.AdvanceTo(At(next, 9));
        await Reporting.Apply([Event(TimelineEvents.SmsSent, At(next, 9)), Event(TimelineEvents.SmsSent, At(day, 18))], []);

        var live = await Reporting.Live();
        Assert.Equal(next, live.Date);
        Assert.Equal(1, live.SmsSent); // the new day's SMS only: yesterday's figures and its late event are not counted
        Assert.Equal(0, live.Inclusions);
    }

    [Fact]
    public async Task A_closed_day_is_kept_once()
    {
        await Reporting.Live(); // activated: its tick keeps the closed days
        var day = DayOf(Now);
        await fx.AdvanceTo(At(day.AddDays(1), 1));
        var kept = await PollAsync(() => KeptAsync(day));

        await fx.AdvanceTo(At(day.AddDays(2), 1)); // ticks go on: the next closed day is kept, the first one left as it was
        await PollAsync(() => KeptAsync(day.AddDays(1)));

        Assert.Equal(kept, await KeptAsync(day)); // the same report, kept at the same instant: not written again
    }

    /// <summary>Runs <paramref name="test"/> with an observer subscribed to the reporting grain, as a web node's.</summary>
    private async Task SubscribedAsync(Func<Observer, Task> test)
    {
        var observer = new Observer();
        var reference = fx.Client.CreateObjectReference<IDashboardObserver>(observer);
        try
        {
            await Reporting.Subscribe(reference);
            await test(observer);
        }
        finally
        {
            fx.Client.DeleteObjectReference<IDashboardObserver>(reference);
        }
    }

    /// <summary>When the day's report was kept, and its text; null while it is not.</summary>
    private async Task<(DateTime GeneratedAt, string Report)?> KeptAsync(DateOnly day)
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        return await conn.QuerySingleOrDefaultAsync<(DateTime, string)?>(
            "SELECT generated_at, report::text FROM daily_reports WHERE date = @d", new { d = day.ToDateTime(TimeOnly.MinValue) });
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe) where T : struct
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Not seen within {Deadline.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    private static async Task<T> PollAsync<T>(Func<T?> probe) where T : class
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (probe() is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Not seen within {Deadline.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    private sealed class Observer : IDashboardObserver
    {
        public ConcurrentQueue<LiveSnapshot> Pushes { get; } = new();
        public ConcurrentQueue<Guid> Changed { get; } = new();

        public Task Update(LiveSnapshot snapshot)
        {
            Pushes.Enqueue(snapshot);
            return Task.CompletedTask;
        }

        public Task PersonsChanged(List<Guid> personIds)
        {
            foreach (var id in personIds) Changed.Enqueue(id);
            return Task.CompletedTask;
        }
    }

    /// <summary>A web node that receives the notifications and never completes them.</summary>
    private sealed class StuckObserver : IDashboardObserver
    {
        private int _calls;
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls => Volatile.Read(ref _calls);

        public Task Update(LiveSnapshot snapshot)
        {
            Interlocked.Increment(ref _calls);
            return Release.Task;
        }

        public Task PersonsChanged(List<Guid> personIds)
        {
            Interlocked.Increment(ref _calls);
            return Release.Task;
        }
    }
}
