using Dapper;
using FollowUp.Silo.Grains;
using FollowUp.Silo.Infrastructure;
using Npgsql;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// Today's live figures per department, next to the totals of <see cref="ReportingGrain"/>: each event counts in its
/// person's department (read from the persons index once per person and day). An event whose person is not indexed
/// yet waits and is counted at a later pass; every count stays idempotent per person and sequence.
/// </summary>
internal sealed class LiveDepartments(DateOnly day, NpgsqlDataSource db, CallQueueStore callQueue, TimeZoneInfo zone)
{
    private readonly Dictionary<Guid, string> _departmentOf = [];
    private readonly Dictionary<string, LiveFigures> _figures = [];
    private List<PersonEvent> _pending = [];
    private Dictionary<string, (int Queue, int RemainingToday)> _queue = [];
    private Dictionary<string, int> _queueByType = [];

    public DateOnly Day { get; } = day;

    /// <summary>Events wait for their person's department (not indexed yet when they arrived).</summary>
    public bool Waiting => _pending.Count > 0;

    /// <summary>Counts <paramref name="events"/> (and those still waiting for their person's department).</summary>
    public async Task AddAsync(IReadOnlyCollection<PersonEvent> events)
    {
        var all = _pending.Count == 0 ? events : [.. _pending, .. events];
        var unknown = all.Select(e => e.PersonId).Where(id => !_departmentOf.ContainsKey(id)).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            await using var conn = await db.OpenConnectionAsync();
            foreach (var (id, department) in await conn.QueryAsync<(Guid, string)>("SELECT id, department FROM persons WHERE id = ANY(@unknown)",
                new { unknown }))
                _departmentOf[id] = department;
        }
        _pending = [];
        foreach (var e in all)
        {
            if (!_departmentOf.TryGetValue(e.PersonId, out var department)) { _pending.Add(e); continue; }
            Figures(department).Add(e, zone);
        }
    }

    /// <summary>
    /// Reads the calls due before the day's end per department and call type (one query for the cluster, whatever the
    /// number of web nodes); returns true when a number changed.
    /// </summary>
    public async Task<bool> RefreshQueueAsync(DateTimeOffset now, DateTimeOffset endOfDay)
    {
        var rows = await callQueue.QueueByDepartmentAsync(now, endOfDay);
        var queue = rows.GroupBy(r => r.Department).ToDictionary(g => g.Key, g => (g.Sum(r => r.Queue), g.Sum(r => r.Remaining)));
        var byType = Enum.GetNames<MilestoneType>().ToDictionary(n => n, n => rows.Where(r => r.Milestone == n).Sum(r => r.Queue));
        var changed = queue.Count != _queue.Count || queue.Any(q => _queue.GetValueOrDefault(q.Key) != q.Value)
            || byType.Any(t => _queueByType.GetValueOrDefault(t.Key) != t.Value);
        _queue = queue;
        _queueByType = byType;
        return changed;
    }

    /// <summary>Calls due now and in no operator's hands, by call type, over every department (the console's counts).</summary>
    public Dictionary<string, int> QueueByType => new(_queueByType);

    /// <summary>Calls due now and in no operator's hands / due before the day's end, over every department.</summary>
    public (int Queue, int RemainingToday) QueueTotals => (_queue.Values.Sum(q => q.Queue), _queue.Values.Sum(q => q.RemainingToday));

    public SortedDictionary<string, LiveSnapshot> Snapshots(DateTimeOffset at) => new(
        _figures.Keys.Union(_queue.Keys).ToList().ToDictionary(d => d, d => Figures(d).Snapshot(at, _queue.GetValueOrDefault(d), [])),
        StringComparer.Ordinal);

    private LiveFigures Figures(string department)
    {
        if (!_figures.TryGetValue(department, out var figures)) _figures[department] = figures = new LiveFigures(Day);
        return figures;
    }
}
