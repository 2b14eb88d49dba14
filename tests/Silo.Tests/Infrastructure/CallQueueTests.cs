using FollowUp.Silo.Infrastructure;
using Npgsql;

namespace FollowUp.Tests.Infrastructure;

/// <summary>The due-call index on a real PostgreSQL: ARS priorities, due time, carry-over, leases, departments.</summary>
public sealed class CallQueueTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);
    private CallQueueStore _db = null!;
    private PersonIndex _index = null!;
    private NpgsqlDataSource _ds = null!;

    public Task InitializeAsync()
    {
        _ds = NpgsqlDataSource.Create(TestDatabase.Create("queue"));
        _db = new CallQueueStore(_ds);
        _index = new PersonIndex(_ds);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ds.DisposeAsync();

    private async Task<Guid> Due(string name, MilestoneType type, DateTimeOffset dueAt, bool urgent = false, bool vulnerable = false,
        string department = "83", bool retry = false,
        string? window = null)
    {
        TimeOnly? ws = null, we = null;
        if (window is not null && CallWindows.TryParse(window, out var f, out var t, out _)) (ws, we) = (f, t);
        var id = PersonIds.FromExternalId("queue-" + name);
        var row = new PersonRow(id, "queue-" + name, "Contact", name, "X", "+33612345678", null, department, new DateOnly(2026, 11, 20), vulnerable,
            "active", null);
        await _index.UpsertPersonAsync(row, [new DueCall(id, type.ToString(), type, dueAt, urgent, vulnerable, department, Retry: retry,
            WindowStart: ws, WindowEnd: we)], [], 0);
        return id;
    }

    private async Task<List<Guid>> DrainAsync(string op, string[]? departments = null)
    {
        var order = new List<Guid>();
        while (await _db.ReserveNextCallAsync(op, departments ?? [], Noon, Noon.AddMinutes(20)) is { } r) order.Add(r.PersonId);
        return order;
    }

    [Fact]
    public async Task Urgent_then_vulnerable_then_call_type_then_due_time_and_runtime_priorities_apply_at_once()
    {
        var j9 = await Due("j9", MilestoneType.J9, Noon.AddHours(-4));
        var j2 = await Due("j2", MilestoneType.J2, Noon.AddHours(-3));
        var j7v = await Due("j7v", MilestoneType.J7, Noon.AddHours(-2), vulnerable: true);
        var j4u = await Due("j4u", MilestoneType.J4, Noon.AddHours(-1), urgent: true);
        var j2Yesterday = await Due("j2y", MilestoneType.J2, Noon.AddDays(-1));
        await Due("later", MilestoneType.J2, Noon.AddHours(1)); // not due yet

        Assert.Equal([j4u, j7v, j2Yesterday, j2, j9], await DrainAsync("op-a"));

        await _db.SetCallPrioritiesAsync(new CallPriorities([CallType.J9, CallType.J2, CallType.J4, CallType.J7, CallType.J7TestFollowUp],
            VulnerableFirst: false));
        var stored = await _db.GetCallPrioritiesAsync();
        // Issue 16: "Retry" is an entry of its own; an order given without it keeps it at its default place (first).
        Assert.Equal([CallType.Retry, CallType.J9, CallType.J2, CallType.J4, CallType.J7, CallType.J7TestFollowUp], stored.Order);
        Assert.False(stored.VulnerableFirst);
        await using (var conn = await _ds.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand("UPDATE due_calls SET claimed_by = NULL, lease_until = NULL",
            conn)) await cmd.ExecuteNonQueryAsync();
        Assert.Equal([j4u, j9, j2Yesterday, j2, j7v], await DrainAsync("op-b"));
    }

    [Fact]
    public async Task Retries_are_an_entry_of_the_ars_priority_list()
    {
        var first = await Due("r-first", MilestoneType.J2, Noon.AddHours(-3), department: "retry");
        var retry = await Due("r-retry", MilestoneType.J2, Noon.AddHours(-1), department: "retry", retry: true);
        var j9 = await Due("r-j9", MilestoneType.J9, Noon.AddHours(-4), department: "retry");
        var j9Retry = await Due("r-j9r", MilestoneType.J9, Noon.AddHours(-2), department: "retry", retry: true);
        // Default: retries first (earliest due first among them), then first calls by type.
        Assert.Equal([j9Retry, retry, first, j9], await DrainAsync("op-r1", ["retry"]));

        await _db.SetCallPrioritiesAsync(new CallPriorities([CallType.J2, CallType.J4, CallType.J7, CallType.J7TestFollowUp, CallType.J9,
            CallType.Retry], VulnerableFirst: true));
        Assert.Equal(CallType.Retry, (await _db.GetCallPrioritiesAsync()).Order[^1]);
        await using (var conn = await _ds.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand("UPDATE due_calls SET claimed_by = NULL, lease_until = NULL WHERE department = 'retry'",
            conn)) await cmd.ExecuteNonQueryAsync();
        Assert.Equal([first, j9, j9Retry, retry], await DrainAsync("op-r2", ["retry"]));

        await _db.SetCallPrioritiesAsync(new CallPriorities([CallType.J2, CallType.Retry, CallType.J4, CallType.J7, CallType.J7TestFollowUp,
            CallType.J9], VulnerableFirst: true));
        await using (var conn = await _ds.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand("UPDATE due_calls SET claimed_by = NULL, lease_until = NULL WHERE department = 'retry'",
            conn)) await cmd.ExecuteNonQueryAsync();
        Assert.Equal([first, j9Retry, retry, j9], await DrainAsync("op-r3", ["retry"]));
    }

    [Theory]
    // Noon = 12:00 Paris. The window of each person:  expected serving order
    [InlineData("afternoon", "morning", "12:00-13:00", "inWin,none,passed,ahead")] // in window first; passed = like any other; ahead waits
    [InlineData("afternoon", null, "afternoon", "none,ahead,ahead2")]             // windows ahead: only when no one else is waiting
    public async Task The_queue_serves_persons_inside_their_window_first(string aheadWindow, string? passedWindow, string inWindow, string expected)
    {
        var dep = "win-" + Guid.NewGuid().ToString("N")[..6];
        var ids = new Dictionary<Guid, string>
        {
            [await Due(dep + "-ahead", MilestoneType.J2, Noon.AddHours(-5), department: dep, window: aheadWindow)] = "ahead", // earliest due
            [await Due(dep + "-none", MilestoneType.J2, Noon.AddHours(-3), department: dep)] = "none",
        };
        if (passedWindow is not null) ids[await Due(dep + "-passed", MilestoneType.J2, Noon.AddHours(-2), department: dep,
            window: passedWindow)] = "passed";
        ids[await Due(dep + "-in", MilestoneType.J2, Noon.AddHours(-1), department: dep, window: inWindow)] = inWindow == aheadWindow ? "ahead2"
            : "inWin";
        var order = (await DrainAsync("op-" + dep, [dep])).Select(id => ids[id]);
        Assert.Equal(expected, string.Join(",", order));
    }

    [Fact]
    public async Task A_window_starting_after_todays_closing_does_not_hold_its_call_back()
    {
        // Noon = 12:00 Paris; the evening window (17:00-20:00) is ahead. Open until 19:00 it waits for the others; open
        // only until 16:00 the day would end without the call, so it is served in its due order.
        var dep = "win-close-" + Guid.NewGuid().ToString("N")[..6];
        var evening = await Due(dep + "-evening", MilestoneType.J2, Noon.AddHours(-4), department: dep, window: "evening");
        var other = await Due(dep + "-other", MilestoneType.J2, Noon.AddHours(-1), department: dep);
        async Task<Guid?> FirstServedAsync(TimeOnly closes)
        {
            var first = (await _db.ReserveNextCallAsync("op-" + dep, [dep], Noon, Noon.AddMinutes(20), closesAt: closes))?.PersonId;
            await using var conn = await _ds.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand("UPDATE due_calls SET claimed_by = NULL, lease_until = NULL WHERE department = $1", conn);
            cmd.Parameters.AddWithValue(dep);
            await cmd.ExecuteNonQueryAsync();
            return first;
        }
        Assert.Equal(other, await FirstServedAsync(new TimeOnly(19, 0)));
        Assert.Equal(evening, await FirstServedAsync(new TimeOnly(16, 0)));
        Assert.Equal(evening, await FirstServedAsync(new TimeOnly(17, 0))); // a window starting at closing is after it
    }

    [Fact]
    public async Task An_urgent_call_does_not_wait_for_its_window()
    {
        // Noon = 12:00 Paris. A person who declared a difficulty is called at once, whatever the window they preferred.
        var dep = "win-urgent-" + Guid.NewGuid().ToString("N")[..6];
        var other = await Due(dep + "-other", MilestoneType.J2, Noon.AddHours(-3), department: dep);
        var urgent = await Due(dep + "-urgent", MilestoneType.J4, Noon.AddHours(-1), urgent: true, department: dep, window: "evening");
        var ahead = await Due(dep + "-ahead", MilestoneType.J2, Noon.AddHours(-4), department: dep, window: "evening");
        Assert.Equal([urgent, other, ahead], await DrainAsync("op-" + dep, [dep]));
    }

    [Fact]
    public async Task A_reserved_call_comes_back_when_its_lease_expires()
    {
        var p = await Due("lease", MilestoneType.J2, Noon.AddHours(-1), department: "lease");
        Assert.Equal(p, (await _db.ReserveNextCallAsync("op-1", ["lease"], Noon, Noon.AddMinutes(20)))?.PersonId);
        Assert.Null(await _db.ReserveNextCallAsync("op-2", ["lease"], Noon.AddMinutes(19), Noon.AddMinutes(39)));
        Assert.Equal(p, (await _db.ReserveNextCallAsync("op-2", ["lease"], Noon.AddMinutes(21), Noon.AddMinutes(41)))?.PersonId);
    }

    /// <summary>Due calls written as a wave's import leaves them (thousands at once): <paramref name="count"/> J2 calls of
    /// <paramref name="department"/> due from <paramref name="dueAt"/>, a second apart.</summary>
    private async Task ManyDueAsync(string department, int count, DateTimeOffset dueAt, bool urgent = false)
    {
        await using var conn = await _ds.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, rank)
            SELECT gen_random_uuid(), 'J2', 'J2', $1 + i * interval '1 second', $2, false, $3, call_rank('J2', $2, false, false)
            FROM generate_series(1, $4) i
            """, conn);
        cmd.Parameters.AddWithValue(dueAt.UtcDateTime);
        cmd.Parameters.AddWithValue(urgent);
        cmd.Parameters.AddWithValue(department);
        cmd.Parameters.AddWithValue(count);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task LeaseAsync(Guid person, string op, DateTimeOffset until)
    {
        await using var conn = await _ds.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("UPDATE due_calls SET claimed_by = $1, lease_until = $2 WHERE person_id = $3", conn);
        cmd.Parameters.AddWithValue(op);
        cmd.Parameters.AddWithValue(until.UtcDateTime);
        cmd.Parameters.AddWithValue(person);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Among_many_calls_not_due_yet_the_waiting_ones_and_the_expired_leases_are_served_in_order()
    {
        var dep = "many-" + Guid.NewGuid().ToString("N")[..6];
        await ManyDueAsync(dep, 5_000, Noon.AddHours(4), urgent: true); // a wave's calls: first in rank, not due yet
        var held = await Due(dep + "-held", MilestoneType.J2, Noon.AddHours(-4), urgent: true, department: dep);
        await LeaseAsync(held, "op-other", Noon.AddMinutes(10)); // in another operator's hands
        var expired = await Due(dep + "-expired", MilestoneType.J2, Noon.AddHours(-3), department: dep);
        await LeaseAsync(expired, "op-gone", Noon.AddMinutes(-5)); // its operator left it: waiting again
        var endsNow = await Due(dep + "-ends-now", MilestoneType.J2, Noon.AddHours(-5), department: dep);
        await LeaseAsync(endsNow, "op-slow", Noon); // a lease ending at this very instant still holds
        var unclaimed = await Due(dep + "-unclaimed", MilestoneType.J4, Noon.AddHours(-1), department: dep);
        var j2Later = await Due(dep + "-j2-later", MilestoneType.J2, Noon.AddHours(-1), department: dep);

        Assert.Equal([expired, j2Later, unclaimed], await DrainAsync("op-" + dep, [dep]));
        Assert.Equal(endsNow, (await _db.ReserveNextCallAsync("op-" + dep, [dep], Noon.AddSeconds(1), Noon.AddMinutes(20)))?.PersonId);
        Assert.Null(await _db.ReserveNextCallAsync("op-" + dep, [dep], Noon.AddMinutes(5), Noon.AddMinutes(25))); // the held call's lease runs
        Assert.Equal(held, (await _db.ReserveNextCallAsync("op-" + dep, [dep], Noon.AddMinutes(11), Noon.AddMinutes(31)))?.PersonId);
        Assert.Null(await _db.ReserveNextCallAsync("op-" + dep, [dep], Noon.AddMinutes(15), Noon.AddMinutes(35))); // the wave: not due yet
    }

    [Fact]
    public async Task Without_departments_given_the_operators_own_are_read_from_its_account_at_each_ask()
    {
        var dep = "acct-" + Guid.NewGuid().ToString("N")[..6];
        var a = await Due(dep + "-a", MilestoneType.J2, Noon.AddHours(-2), department: dep + "-a");
        var b = await Due(dep + "-b", MilestoneType.J2, Noon.AddHours(-3), department: dep + "-b");
        var op = "op-" + dep;
        await using var conn = await _ds.OpenConnectionAsync();
        async Task DepartmentsAsync(string sql, string department)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue(op);
            cmd.Parameters.AddWithValue(new[] { department });
            await cmd.ExecuteNonQueryAsync();
        }
        await DepartmentsAsync("INSERT INTO users (user_name, display_name, role, password_hash, departments) VALUES ($1, $1, 'Operator', 'x', $2)",
            dep + "-a");
        Assert.Equal(a, (await _db.ReserveNextCallAsync(op, null, Noon, Noon.AddMinutes(20)))?.PersonId);
        Assert.Null(await _db.ReserveNextCallAsync(op, null, Noon, Noon.AddMinutes(20)));
        await DepartmentsAsync("UPDATE users SET departments = $2 WHERE user_name = $1", dep + "-b"); // an admin's change
        Assert.Equal(b, (await _db.ReserveNextCallAsync(op, null, Noon, Noon.AddMinutes(20)))?.PersonId);
    }

    [Fact]
    public async Task Operators_assigned_to_departments_only_get_their_calls()
    {
        var a = await Due("dep-a", MilestoneType.J2, Noon.AddHours(-2), department: "d1");
        var b = await Due("dep-b", MilestoneType.J2, Noon.AddHours(-3), department: "d2");
        Assert.Equal([a], await DrainAsync("op-d1", ["d1"]));
        Assert.Equal([b], await DrainAsync("op-d2", ["d2", "d3"]));
    }
    private static (PersonRow Row, DueCall Call) Published(string name, string department)
    {
        var id = PersonIds.FromExternalId("queue-" + name);
        var row = new PersonRow(id, "queue-" + name, "Contact", name, "X", "+33612345678", null, department, new DateOnly(2026, 11, 20), false,
            "active", null);
        return (row, new DueCall(id, "J2", MilestoneType.J2, Noon.AddHours(-1), false, false, department));
    }

    [Fact]
    public async Task A_publication_that_changes_nothing_does_not_hide_the_call_while_its_transaction_is_open()
    {
        var (row, call) = Published("unchanged", "pub-a");
        await _index.UpsertPersonAsync(row, [call], [], 0);
        await using var conn = await _ds.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var c in CallQueueStore.PublishCommands(row, [call])) batch.BatchCommands.Add(c);
        await batch.ExecuteNonQueryAsync(); // e.g. a delivery report's republication, its group not yet committed
        Assert.Equal(row.Id, (await _db.ReserveNextCallAsync("op-pub", ["pub-a"], Noon, Noon.AddMinutes(20)))?.PersonId);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task A_call_locked_for_an_instant_by_its_publication_is_still_given_to_the_operator()
    {
        var (row, call) = Published("locked", "pub-b");
        await _index.UpsertPersonAsync(row, [call], [], 0);
        await using var conn = await _ds.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var c in CallQueueStore.PublishCommands(row, [call with { Urgent = true }])) batch.BatchCommands.Add(c);
        await batch.ExecuteNonQueryAsync(); // a change: the row is locked until the group commits
        var reserve = _db.ReserveNextCallAsync("op-lock", ["pub-b"], Noon, Noon.AddMinutes(20));
        await Task.Delay(300);
        await tx.CommitAsync();
        Assert.Equal(row.Id, (await reserve)?.PersonId);
    }
}
