using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>Operators keep asking for calls while a silo is killed: no person ever ends up with two operators, and no
/// claim is left orphaned once every operator has asked again.</summary>
public class AssignmentCrashTests
{
    [Fact]
    public async Task A_silo_killed_during_next_call_leaves_no_double_and_no_orphan_assignment()
    {
        // Real time (a virtual clock lives in one process: simulation mode is one silo), platform open around the clock.
        var (cluster, cs) = await ClusterFixture.StartAsync("opcrash", 2, settings: new Dictionary<string,
            string?>
        { ["FollowUp:Simulation:Enabled"] = "false" });
        await using var _ = cluster;
        var always = new DayHours(new TimeOnly(0, 0), new TimeOnly(23, 59));
        await cluster.Client.GetGrain<ICalendarGrain>(0).SetOpeningHours(new OpeningHours
        {
            Days = Enumerable.Repeat<DayHours?>(always, 7).ToArray(),
            OpenOnHolidays = true
        });
        const int persons = 60, operators = 90;
        var inclusion = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3); // J2 two days ago, landline: due now
        var ids = Enumerable.Range(0, persons).Select(i => PersonIds.FromExternalId($"opcrash-{i}")).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, persons), async (i, _) =>
            await cluster.Client.GetGrain<IPersonGrain>(ids[i]).Include(Inclusions.Contact($"opcrash-{i}", inclusion).OnLandline()));
        var ops = Enumerable.Range(0, operators).Select(i => $"opcrash-op-{i}").ToArray();
        await using (var conn = new NpgsqlConnection(cs))
            foreach (var op in ops) await conn.ExecuteAsync("INSERT INTO users (user_name, display_name, role, password_hash) VALUES (@op, @op, " +
                "'Operator', 'x')", new { op });

        // Every operator asks; the second silo dies while the requests are in flight.
        var asking = Parallel.ForEachAsync(ops, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (op, _) =>
        {
            try { await cluster.Client.GetGrain<IOperatorGrain>(op).Next(); } catch { /* its grain or its person's was on the dead silo */ }
        });
        await Task.Delay(150);
        await cluster.KillSiloAsync(cluster.Silos[1]);
        await asking;
        await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        // Operators without a call keep asking (as the console does after an error) until nothing changes.
        var held = new ConcurrentDictionary<string, ClaimedCall>();
        var errors = new ConcurrentDictionary<string, int>(); // distinct messages, for the failure report
        for (var until = DateTime.UtcNow.AddSeconds(60); held.Count < persons && DateTime.UtcNow < until;)
        {
            await Parallel.ForEachAsync(ops.Where(op => !held.ContainsKey(op)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (op, _) =>
            {
                try { if (await cluster.Client.GetGrain<IOperatorGrain>(op).Next() is { } call) held[op] = call; }
                catch (Exception ex) { errors[ex.GetType().Name] = 1; /* the cluster is settling: asked again next round */ }
            });
            await Task.Delay(500);
        }

        // Every person in someone's hands: a claim lost in the crash came back to its operator, not after the lease.
        await using (var conn = new NpgsqlConnection(cs))
        {
            var waiting = await conn.QueryAsync<(Guid,
                string?)>("SELECT person_id, claimed_by FROM due_calls WHERE person_id = ANY(@ids) AND milestone_id = 'J2'", new { ids });
            var unheld = waiting.Where(w => held.Values.All(c => c.PersonId != w.Item1)).Select(w => $"{w.Item1} (index: {w.Item2 ?? "free"})");
            Assert.True(held.Count == persons, $"not in an operator's hands: {string.Join(", ", unheld)}; errors: {string.Join(" | ", errors.Keys)}");
        }
        Assert.Equal(persons, held.Values.Select(c => c.PersonId).Distinct().Count()); // never in two
        foreach (var id in ids)                                                 // and the person agrees with its operator
        {
            var claimed = (await cluster.Client.GetGrain<IPersonGrain>(id).Get())!.Milestones.Single(m => m.Call.ClaimedCallId is not null)
                .Call.ClaimedCallId;
            Assert.Equal(held.Values.Single(c => c.PersonId == id).CallId, claimed);
        }
    }
}
