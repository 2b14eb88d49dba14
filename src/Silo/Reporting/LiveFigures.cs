namespace FollowUp.Silo.Reporting;

/// <summary>Today's counters, fed event by event (idempotent per person and sequence).</summary>
public sealed class LiveFigures(DateOnly day)
{
    public DateOnly Day { get; } = day;
    private readonly HashSet<(Guid, int)> _seen = [];
    private readonly Dictionary<string, int[]> _perHour = DailyReports.Types.ToDictionary(t => t, _ => new int[24]);
    private readonly Dictionary<string, List<int>> _seconds = DailyReports.Types.ToDictionary(t => t, _ => new List<int>());
    private readonly Dictionary<string, int> _outcomes = [];
    private int _calls, _sms, _answered, _inclusions;

    /// <summary>The events these figures count; the others are neither counted nor remembered (a day of a million
    /// inclusions is a million events counted, not the three or four million of their timelines).</summary>
    public static readonly string[] Counted =
        [TimelineEvents.CallOutcome, TimelineEvents.SmsSent, TimelineEvents.QuestionnaireAnswered, TimelineEvents.Included];

    public void Add(PersonEvent e, TimeZoneInfo zone)
    {
        if (!Counted.Contains(e.Event) || !_seen.Add((e.PersonId, e.Seq))) return;
        switch (e.Event)
        {
            case TimelineEvents.CallOutcome:
                var c = CallOutcomeDetail.Parse(e.Detail);
                _calls++;
                if (_perHour.TryGetValue(c.Type, out var hours)) hours[TimeZoneInfo.ConvertTime(e.At, zone).Hour]++;
                if (c.Seconds is { } s && _seconds.TryGetValue(c.Type, out var list)) list.Add(s);
                var key = char.ToLowerInvariant(c.Outcome[0]) + c.Outcome[1..];
                _outcomes[key] = _outcomes.GetValueOrDefault(key) + 1;
                break;
            case TimelineEvents.SmsSent: _sms++; break;
            case TimelineEvents.QuestionnaireAnswered: _answered++; break;
            case TimelineEvents.Included: _inclusions++; break;
        }
    }

    public LiveSnapshot Snapshot(DateTimeOffset at, (int Queue, int RemainingToday) queue, List<OperatorStatusView> operators) => new()
    {
        Date = Day,
        At = at,
        CallsMade = _calls,
        CallsPerHourByType = _perHour.ToDictionary(x => x.Key, x => x.Value.ToArray()),
        CallsPerHour = Enumerable.Range(0, 24).Select(h => _perHour.Values.Sum(v => v[h])).ToArray(),
        MeanCallSecondsByType = _seconds.ToDictionary(x => x.Key, x => x.Value.Count == 0 ? (double?)null : Math.Round(x.Value.Average(), 1)),
        Outcomes = new Dictionary<string, int>(_outcomes),
        SmsSent = _sms,
        QuestionnairesCompleted = _answered,
        SmsAnswerRatePercent = _sms == 0 ? null : Math.Round(100.0 * _answered / _sms, 1),
        Operators = operators,
        QueueLength = queue.Queue,
        CallsRemainingToday = queue.RemainingToday,
        CallsToMakeToday = _calls + queue.RemainingToday,
        Inclusions = _inclusions,
    };
}
