using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using Npgsql;
using Orleans.Concurrency;
using Orleans.Storage;

namespace FollowUp.Silo.Grains;

/// <summary>
/// Includes an import batch. One query asks which of the batch's persons are stored already. A new person with nothing
/// to send now and its first wake far ahead (an import's usual J2 two days on) is written by the batch itself, without
/// activating its grain (<see cref="NewPersonInclusion"/>: state, index row, due calls, events and first reminder row
/// in one submission of the silo's group commit, shared with the batch's other persons); its grain activates at its first
/// wake by reading that state. The others go through their PersonGrain, <see cref="Concurrency"/> at a time: a person
/// stored already (<see cref="IPersonGrain.Include"/>, idempotent), a new one with an SMS due now or a near first wake
/// (<see cref="IPersonGrain.IncludeNew"/>), one stored in between (its state insert failed, nothing of it written:
/// included again the normal way). A line whose inclusion fails is answered with its error so the import tries that line again.
/// Reentrant: the batches in flight run side by side.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class InclusionBatchGrain(
    PersonStateStore store,
    GroupCommit writer,
    ReminderRows reminderRows,
    ProtocolSettings settings,
    [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock) : Grain, IInclusionBatchGrain
{
    /// <summary>Inclusions in flight per batch through the person grains.</summary>
    public const int Concurrency = 16;

    public async Task<List<InclusionBatchResult>> Include(List<InclusionRequest> requests)
    {
        var results = new InclusionBatchResult[requests.Count];
        var ids = requests.Select(r => PersonIds.FromExternalId(r.ExternalId)).ToList();
        var stored = await store.StoredAsync(ids);
        var direct = await store.MayHoldLegacyAsync() ? [] : await IncludeDirectlyAsync(requests, ids, stored, results);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Concurrency, requests.Count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                if (direct.Contains(i)) continue;
                try
                {
                    var person = GrainFactory.GetGrain<IPersonGrain>(ids[i]);
                    var r = stored.Contains(ids[i]) ? await person.Include(requests[i]) : await person.IncludeNew(requests[i]);
                    results[i] = new InclusionBatchResult(r.Created, null);
                }
                catch (Exception ex)
                {
                    results[i] = new InclusionBatchResult(false, ex.GetType().Name);
                }
            }
        }));
        return [.. results];
    }

    /// <summary>The new persons the batch writes itself (<see cref="NewPersonInclusion"/>): answers the indexes it answered
    /// (included, or failed with their error); the others are left to their grains. All in one submission (one statement per
    /// table); when one of them was stored in between, that submission fails whole and each goes in one of its own.</summary>
    private async Task<HashSet<int>> IncludeDirectlyAsync(List<InclusionRequest> requests, List<Guid> ids, HashSet<Guid> stored,
        InclusionBatchResult[] results)
    {
        var now = clock.GetUtcNow();
        var prepared = new List<(int Index, NewPersonInclusion Inclusion)>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (stored.Contains(ids[i])) continue;
            var grain = GrainFactory.GetGrain<IPersonGrain>(ids[i]).GetGrainId();
            if (NewPersonInclusion.Prepare(ids[i], grain, requests[i], now, settings, reminderRows) is { } inclusion) prepared.Add((i, inclusion));
        }
        if (prepared.Count == 0) return [];
        try
        {
            await writer.ExecuteAsync(NewPersonInclusion.Together([.. prepared.Select(p => p.Inclusion)], reminderRows));
            foreach (var (i, _) in prepared) results[i] = new InclusionBatchResult(true, null);
            await TellLiveDashboardAsync([.. prepared.Select(p => p.Inclusion)]);
            return [.. prepared.Select(p => p.Index)];
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return await IncludeOneByOneAsync(prepared, results); // one of them stored in between: nothing of theirs written
        }
        catch (Exception ex)
        {
            foreach (var (i, _) in prepared) results[i] = new InclusionBatchResult(false, ex.GetType().Name); // tried again by the import
            return [.. prepared.Select(p => p.Index)];
        }
    }

    private async Task<HashSet<int>> IncludeOneByOneAsync(List<(int Index, NewPersonInclusion Inclusion)> prepared, InclusionBatchResult[] results)
    {
        var answered = new HashSet<int>();
        var included = new List<NewPersonInclusion>();
        await Task.WhenAll(prepared.Select(async p =>
        {
            try
            {
                await writer.ExecuteAsync(p.Inclusion.Commands(reminderRows));
                results[p.Index] = new InclusionBatchResult(true, null);
                lock (included) included.Add(p.Inclusion);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return; // stored in between (another import, the API): nothing written, its grain includes it
            }
            catch (Exception ex)
            {
                results[p.Index] = new InclusionBatchResult(false, ex.GetType().Name);
            }
            lock (answered) answered.Add(p.Index);
        }));
        if (included.Count > 0) await TellLiveDashboardAsync(included);
        return answered;
    }

    /// <summary>Durable first, then the live dashboard hears of the new persons' events, and screens of their records.</summary>
    private async Task TellLiveDashboardAsync(List<NewPersonInclusion> included)
    {
        var aggregator = GrainFactory.GetGrain<IReportingAggregator>(0);
        await aggregator.Events([.. included.SelectMany(p => p.State.Timeline.Select((e, i) => new PersonEvent(p.Id, i, e.At, e.Event, e.Actor,
            e.Detail)))]);
        foreach (var p in included) await aggregator.PersonChanged(p.Id);
    }
}
