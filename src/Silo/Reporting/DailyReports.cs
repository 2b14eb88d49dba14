using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// Computes the daily report from person events (pure: no I/O). <paramref name="events"/> holds every event of the
/// window [start of day − 30 days, end of day), ordered by person then sequence; <paramref name="personsInFollowUp"/>
/// is counted by the caller over all history. See the README for each figure's definition.
/// </summary>
public static class DailyReports
{
    public static readonly string[] Types = Enum.GetNames<MilestoneType>();

    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly day, TimeZoneInfo zone) =>
        (Zones.ToInstant(day, TimeOnly.MinValue, zone), Zones.ToInstant(day.AddDays(1), TimeOnly.MinValue, zone));

    public static DailyReport Compute(DateOnly day, IReadOnlyList<PersonEvent> events, int personsInFollowUp, PlatformCalendar calendar)
    {
        var (start, end) = Bounds(day, calendar.Zone);
        bool Today(DateTimeOffset at) => at >= start && at < end;
        // Art. 3.2 "personnes vulnérables repérées au premier appel et orientées vers la CTAI": found socially vulnerable
        // at their first contact (the J2 call or questionnaire) and referred to the CTAI at that contact; each person
        // counts once, on the day both are true.
        var j2 = nameof(MilestoneType.J2);
        var vulnerableFound = FirstAt(events, e => e.Event == TimelineEvents.VulnerabilityAssessed
            && e.Detail == TimelineEvents.VulnerabilityAssessedDetail(j2, true)
            || e.Event == TimelineEvents.SociallyVulnerableIdentified && e.Detail == j2);
        var ctaiAtJ2 = FirstAt(events, e => e.Event == TimelineEvents.CtaiReferral && TimelineEvents.MilestoneIdOf(e.Detail) == j2);
        var todays = events.Where(e => Today(e.At)).ToList();
        int Count(string name) => todays.Count(e => e.Event == name);

        var outcomes = todays.Where(e => e.Event == TimelineEvents.CallOutcome).Select(e => (e.PersonId, Call: CallOutcomeDetail.Parse(e.Detail)))
            .ToList();
        double? Mean(IEnumerable<int> seconds) { var l = seconds.ToList(); return l.Count == 0 ? null : Math.Round(l.Average(), 1); }

        var ended = todays.Where(e => e.Event == TimelineEvents.FollowUpEnded).Select(e => FollowUpEndDetail.Parse(e.Detail)).ToList();
        // Calls to make on a day the platform opens: due (opening hours applied) before closing, and still open when
        // the day starts or made due during it; not made = still open at closing (carried over).
        var closing = calendar.ClosingOf(day);
        var toMake = closing is not { } close ? [] : CallInstances(events).Where(i =>
        {
            var due = calendar.NextOpenAt(i.DueAt) ?? i.DueAt;
            return due < close && (i.ClosedAt is null || (i.ClosedAt >= start && i.ClosedAt >= due));
        }).ToList();
        var notMade = closing is { } c ? toMake.Count(i => i.ClosedAt is null || i.ClosedAt >= c) : 0;

        return new DailyReport
        {
            Date = day,
            CallsToMake = toMake.Count,
            CallsNotMade = notMade,
            CallsNotMadePercent = toMake.Count == 0 ? 0 : Math.Round(100.0 * notMade / toMake.Count, 1),
            CallsMade = outcomes.Count,
            CallsMadeByType = Types.ToDictionary(t => t, t => outcomes.Count(o => o.Call.Type == t)),
            MeanCallSeconds = Mean(outcomes.Where(o => o.Call.Seconds is not null).Select(o => o.Call.Seconds!.Value)),
            MeanCallSecondsByType = Types.ToDictionary(t => t, t =>
                Mean(outcomes.Where(o => o.Call.Type == t && o.Call.Seconds is not null).Select(o => o.Call.Seconds!.Value))),
            OutcomesByType = outcomes.GroupBy(o => Camel(o.Call.Outcome)).ToDictionary(g => g.Key, g => g.Count()),
            VulnerableIdentified = vulnerableFound.Values.Count(Today),
            VulnerableReferredToCtai = vulnerableFound.Count(v => ctaiAtJ2.TryGetValue(v.Key, out var referred)
                && Today(v.Value > referred ? v.Value : referred)),
            Retries = outcomes.Count(o => (o.Call.Attempt ?? 1) >= 2),
            LateRetries = Count(TimelineEvents.RetryLate),
            CallsInWindow = Count(TimelineEvents.CallInWindow),
            QuestionnairesNotReturned = todays.Count(e => e.Event == TimelineEvents.CallDue
                && CallDueDetail.WhyOf(e.Detail) == CallDueDetail.NoAnswer),
            DropoutsByReason = ended.Where(x => x.Reason is not nameof(EndReason.Refused) and not nameof(EndReason.Completed))
                .GroupBy(x => x.Reason == nameof(EndReason.Dropout) ? x.Code ?? Unspecified : Camel(x.Reason))
                    .ToDictionary(g => g.Key, g => g.Count()),
            RefusalsByReason = ended.Where(x => x.Reason == nameof(EndReason.Refused)).GroupBy(x => x.Code ?? Unspecified)
                .ToDictionary(g => g.Key, g => g.Count()),
            ContactsWithoutTestAtJ7 = todays.Count(e => e.Event == TimelineEvents.TestNotDone
                && TimelineEvents.MilestoneTypeOf(e.Detail) == nameof(MilestoneType.J7)),
            SmsSent = Count(TimelineEvents.SmsSent),
            SmsDelivered = Count(TimelineEvents.SmsDelivered),
            QuestionnairesCompleted = Count(TimelineEvents.QuestionnaireAnswered),
            Unreachable = Count(TimelineEvents.Unreachable) + Count(TimelineEvents.WrongNumber),
            PersonsInFollowUp = personsInFollowUp,
            Inclusions = Count(TimelineEvents.Included),
            PositivesAtJ7 = todays.Count(e => e.Event == TimelineEvents.PositiveDeclared
                && TimelineEvents.MilestoneTypeOf(e.Detail) is nameof(MilestoneType.J7) or nameof(MilestoneType.J7TestFollowUp)),
            AdditionalIndicators = Reporting.AdditionalIndicators.Compute(todays, calendar.Zone),
        };
    }

    private static Dictionary<Guid, DateTimeOffset> FirstAt(IEnumerable<PersonEvent> events, Func<PersonEvent, bool> match) =>
        events.Where(match).GroupBy(e => e.PersonId).ToDictionary(g => g.Key, g => g.Min(e => e.At));

    /// <summary>
    /// The report over every department with the same figures per department (<paramref name="departments"/>: each
    /// person's department; <paramref name="inFollowUpByDepartment"/>: persons in follow-up at the day's end by department).
    /// </summary>
    public static DailyReport ComputeByDepartment(DateOnly day, IReadOnlyList<PersonEvent> events, IReadOnlyDictionary<Guid, string> departments,
        IReadOnlyDictionary<string, int> inFollowUpByDepartment, PlatformCalendar calendar)
    {
        var all = Compute(day, events, inFollowUpByDepartment.Values.Sum(), calendar);
        var names = departments.Values.Concat(inFollowUpByDepartment.Keys).Distinct();
        var byDepartment = new SortedDictionary<string, DailyReport>(StringComparer.Ordinal);
        foreach (var d in names)
        {
            var r = ForDepartment(day, events, departments, inFollowUpByDepartment, d, calendar);
            if (r.PersonsInFollowUp > 0 || DailyReportFigures.Of(r).Skip(1).Any(f => f.Value is int n && n != 0)) byDepartment[d] = r;
        }
        return all with { ByDepartment = byDepartment };
    }

    /// <summary>The figures of one department's persons.</summary>
    public static DailyReport ForDepartment(DateOnly day, IReadOnlyList<PersonEvent> events, IReadOnlyDictionary<Guid, string> departments,
        IReadOnlyDictionary<string, int> inFollowUpByDepartment, string department, PlatformCalendar calendar) =>
        Compute(day, events.Where(e => departments.TryGetValue(e.PersonId, out var d) && d == department).ToList(),
            inFollowUpByDepartment.TryGetValue(department, out var n) ? n : 0, calendar) with
        { Department = department };

    /// <summary>A due call from the moment it is due until an attempt, the milestone's end or the follow-up's end closes it.</summary>
    public sealed record CallInstance(Guid PersonId, string MilestoneId, DateTimeOffset DueAt, DateTimeOffset? ClosedAt);

    public static List<CallInstance> CallInstances(IReadOnlyList<PersonEvent> events)
    {
        var result = new List<CallInstance>();
        foreach (var person in events.GroupBy(e => e.PersonId))
        {
            var open = new Dictionary<string, DateTimeOffset>();
            void Close(string m, DateTimeOffset at) { if (open.Remove(m, out var due)) result.Add(new(person.Key, m, due, at)); }
            foreach (var e in person.OrderBy(e => e.Seq))
            {
                var m = TimelineEvents.MilestoneIdOf(e.Detail);
                switch (e.Event)
                {
                    case TimelineEvents.CallDue:
                        var due = CallDueDetail.Parse(e.Detail!).DueAt;
                        open[m] = open.TryGetValue(m, out var existing) && existing < due ? existing : due;
                        break;
                    case TimelineEvents.RetryScheduled or TimelineEvents.CallbackScheduled:
                        open[m] = CallScheduledDetail.Parse(e.Detail!).At;
                        break;
                    case TimelineEvents.CallOutcome or TimelineEvents.MilestoneCompleted or TimelineEvents.MilestoneCancelled
                        or TimelineEvents.Unreachable or TimelineEvents.WrongNumber:
                        Close(m, e.At);
                        break;
                    case TimelineEvents.FollowUpEnded:
                        foreach (var k in open.Keys.ToList()) Close(k, e.At);
                        break;
                }
            }
            foreach (var (m, due) in open) result.Add(new(person.Key, m, due, null));
        }
        return result;
    }

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    /// <summary>The reason code counted when a refusal or dropout has none.</summary>
    private const string Unspecified = "unspecified";
}
