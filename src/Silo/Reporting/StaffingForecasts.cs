using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Reporting;

/// <summary>A milestone ahead: its type, its day, and whether its call is certain whatever the SMS brings (the person is
/// socially vulnerable, has no mobile or opted out of SMS).</summary>
public sealed record ScheduledMilestone(string Type, DateOnly Date, bool CallCertain);

/// <summary>
/// The staffing forecast of the next 7 days (issue 16 §7), per day and call type. Expected calls = calls of the live
/// cohort (milestones already scheduled) + calls of the inclusions expected on each day ahead (last week's mean unless
/// overridden, with last week's mix of cases, contacts, vulnerable persons and plans anchored on an isolation start with
/// its mean lag), whose milestones the protocol places (<see cref="FollowUpProtocol.Include"/>, so the anchor rules apply). A milestone's call counts
/// 1 when certain
/// (vulnerable, no mobile, SMS refused), else the share of SMS left unanswered (measured, 50 % by default); every call
/// × (1 + measured retry rate, 30 % by default). Operator-hours = Σ calls × configured minutes of their type ÷ 60 ÷
/// occupancy; operators = operator-hours ÷ the day's opening hours, rounded up. A closed day's calls move to the next
/// open day. The measured mean durations are reported alongside, for information.
/// </summary>
public static class StaffingForecasts
{
    private static readonly string[] Types = DailyReports.Types;

    /// <summary>The forecast with the default assumptions and no expected inclusion.</summary>
    public static StaffingForecast Compute(DateOnly today, IReadOnlyList<DailyReport> past, IReadOnlyList<ScheduledMilestone> scheduled,
        PlatformCalendar calendar) =>
        Compute(new ForecastInputs(today, past, scheduled, InclusionMix.None, calendar, ProtocolSettings.Default, StaffingOptions.Default));

    /// <param name="inclusionsPerDay">overrides last week's mean of inclusions a day.</param>
    public static StaffingForecast Compute(ForecastInputs x, double? inclusionsPerDay = null)
    {
        var perDay = inclusionsPerDay ?? x.Inclusions.PerDay;
        var expected = Expected(x, perDay);
        return new StaffingForecast
        {
            SmsAnswerRatePercent = Math.Round(AnswerRate(x.Past) * 100, 1),
            RetryRatePercent = Math.Round(RetryRate(x.Past) * 100, 1),
            MeanCallSecondsByType = Types.ToDictionary(t => t, t => x.Options.CallMinutes[t] * 60),
            MeasuredCallSecondsByType = Types.ToDictionary(t => t, t => MeasuredSeconds(x.Past, t) is { } s ? Math.Round(s, 1) : (double?)null),
            CallMinutesByType = Types.ToDictionary(t => t, t => x.Options.CallMinutes[t]),
            Days = Days(expected, x.Calendar, x.Options, perDay),
            DaysWithSundaysOpen = Days(expected, StaffingWhatIfs.Calendar(x.Calendar, sundaysOpen: true, null, null), x.Options, perDay),
            Occupancy = x.Options.Occupancy,
            RatesMeasured = x.Past.Sum(r => r.SmsSent) > 0 && x.Past.Sum(r => r.CallsMade) > 0,
            InclusionsPerDay = Math.Round(perDay, 1),
            MeasuredInclusionsPerDay = Math.Round(x.Inclusions.PerDay, 1),
            InclusionsOverridden = inclusionsPerDay is not null,
            CaseSharePercent = Math.Round(x.Inclusions.CaseShare * 100, 1),
            VulnerableSharePercent = Math.Round(x.Inclusions.VulnerableShare * 100, 1),
        };
    }

    /// <summary>Share of SMS answered by a questionnaire over the past days (50 % when none was sent).</summary>
    public static double AnswerRate(IReadOnlyList<DailyReport> past)
    {
        var sms = past.Sum(r => r.SmsSent);
        return sms == 0 ? 0.5 : Math.Min(1, (double)past.Sum(r => r.QuestionnairesCompleted) / sms);
    }

    /// <summary>Retries per first call over the past days (30 % when no call was made).</summary>
    public static double RetryRate(IReadOnlyList<DailyReport> past)
    {
        var attempts = past.Sum(r => r.CallsMade);
        var retries = past.Sum(r => r.Retries);
        return attempts == 0 ? 0.3 : (double)retries / Math.Max(1, attempts - retries);
    }

    /// <summary>The milestones (type, day) the protocol plans for one inclusion on <paramref name="inclusionDate"/>
    /// (anchored on <paramref name="isolationStart"/> when the protocol says so); a milestone whose day is already past at
    /// inclusion is handled on the inclusion day, as the protocol's wake does.</summary>
    public static IEnumerable<(string Type, DateOnly Due)> Plan(PersonKind kind, bool vulnerable, DateOnly inclusionDate, ProtocolSettings protocol,
        PlatformCalendar calendar,
        DateOnly? isolationStart = null)
    {
        var s = new PersonState();
        var request = new InclusionRequest("forecast", kind, "", "", "", null, "", inclusionDate, vulnerable, "fr", PhoneIsMobile: true,
            Actors.System,
            IsolationStartDate: isolationStart);
        FollowUpProtocol.Include(s, request, Guid.Empty, calendar.ToInstant(inclusionDate, new TimeOnly(12, 0)), protocol);
        return s.Milestones.Select(m => (m.Type.ToString(), m.DueDate < inclusionDate ? inclusionDate : m.DueDate));
    }

    /// <summary>Expected calls on each of the 7 days ahead, on the milestone's own day (nothing carried).</summary>
    internal static List<ExpectedDay> Expected(ForecastInputs x, double inclusionsPerDay)
    {
        var (answer, retry) = (AnswerRate(x.Past), RetryRate(x.Past));
        double Calls(bool certain) => (certain ? 1 : 1 - answer) * (1 + retry);
        var days = Enumerable.Range(1, 7).Select(i => new ExpectedDay(x.Today.AddDays(i))).ToDictionary(d => d.Date);
        foreach (var s in x.Scheduled)
        {
            if (!days.TryGetValue(s.Date, out var day) || !day.Milestones.ContainsKey(s.Type)) continue;
            day.Milestones[s.Type]++;
            day.Calls[s.Type] += Calls(s.CallCertain);
        }
        if (inclusionsPerDay <= 0) return [.. days.Values];
        var mix = x.Inclusions;
        var profiles =
            from kind in new[] { (Kind: PersonKind.Case, Share: mix.CaseShare), (Kind: PersonKind.Contact, Share: 1 - mix.CaseShare) }
            from vulnerable in new[] { (Is: true, Share: mix.VulnerableShare), (Is: false, Share: 1 - mix.VulnerableShare) }
            from anchored in new[] { (Is: true, Share: mix.AnchoredShare), (Is: false, Share: 1 - mix.AnchoredShare) }
            where kind.Share * vulnerable.Share * anchored.Share > 0
            select (kind.Kind, Vulnerable: vulnerable.Is, Anchored: anchored.Is, Share: kind.Share * vulnerable.Share * anchored.Share);
        var profileList = profiles.ToList();
        foreach (var inclusionDay in days.Keys.ToList())
            foreach (var p in profileList)
            {
                var persons = inclusionsPerDay * p.Share;
                var isolationStart = p.Anchored ? inclusionDay.AddDays(-mix.AnchorLagDays) : (DateOnly?)null;
                foreach (var (type, due) in Plan(p.Kind, p.Vulnerable, inclusionDay, x.Protocol, x.Calendar, isolationStart))
                {
                    if (!days.TryGetValue(due, out var day)) continue;
                    day.Calls[type] += persons * Calls(p.Vulnerable);
                    day.FromInclusions[type] += persons * Calls(p.Vulnerable);
                }
            }
        return [.. days.Values];
    }

    /// <summary>The forecast days: a closed day's milestones and calls move to the next open day.</summary>
    private static List<ForecastDay> Days(List<ExpectedDay> expected, PlatformCalendar calendar, StaffingOptions o, double perDay)
    {
        var list = new List<ForecastDay>();
        var carried = new ExpectedDay(default);
        foreach (var e in expected)
        {
            carried.Add(e);
            if (calendar.HoursOn(e.Date) is not { } hours)
            {
                list.Add(new ForecastDay
                {
                    Date = e.Date,
                    Open = false,
                    MilestonesByType = new(carried.Milestones),
                    ExpectedInclusions = Math.Round(perDay, 1)
                });
                continue;
            }
            var operatorHours = Types.Sum(t => carried.Calls[t] * o.CallMinutes[t]) / 60 / o.Occupancy;
            var open = (hours.Close - hours.Open).TotalHours;
            list.Add(new ForecastDay
            {
                Date = e.Date,
                Open = true,
                MilestonesByType = new(carried.Milestones),
                ExpectedCallsByType = carried.Calls.ToDictionary(c => c.Key, c => Math.Round(c.Value, 1)),
                ExpectedCalls = Math.Round(carried.Calls.Values.Sum(), 1),
                InclusionCalls = Math.Round(carried.FromInclusions.Values.Sum(), 1),
                ExpectedInclusions = Math.Round(perDay, 1),
                OperatorHours = Math.Round(operatorHours, 1),
                OperatorsNeeded = open > 0 ? (int)Math.Ceiling(Math.Round(operatorHours / open, 6)) : 0,
                OpenHours = Math.Round(open, 2),
            });
            carried = new ExpectedDay(default);
        }
        return list;
    }

    private static double? MeasuredSeconds(IReadOnlyList<DailyReport> past, string type)
    {
        var weighted = past.Where(r => r.MeanCallSecondsByType.GetValueOrDefault(type) is not null).ToList();
        var n = weighted.Sum(r => r.CallsMadeByType.GetValueOrDefault(type));
        return n == 0 ? null : weighted.Sum(r => r.MeanCallSecondsByType[type]!.Value * r.CallsMadeByType.GetValueOrDefault(type)) / n;
    }

    /// <summary>One day's expected milestones (live cohort) and calls (cohort + inclusions) per type.</summary>
    internal sealed class ExpectedDay(DateOnly date)
    {
        public DateOnly Date { get; } = date;
        public Dictionary<string, int> Milestones { get; } = Types.ToDictionary(t => t, _ => 0);
        public Dictionary<string, double> Calls { get; } = Types.ToDictionary(t => t, _ => 0.0);
        public Dictionary<string, double> FromInclusions { get; } = Types.ToDictionary(t => t, _ => 0.0);

        public void Add(ExpectedDay o)
        {
            foreach (var t in Types)
            {
                Milestones[t] += o.Milestones[t];
                Calls[t] += o.Calls[t];
                FromInclusions[t] += o.FromInclusions[t];
            }
        }
    }
}
