using static FollowUp.AdditionalIndicatorCatalogue;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// Computes every indicator of the "Informations complémentaires" catalogue from the events of one day (pure: no I/O).
/// The events are those the daily report counts (one department's when the report is filtered); the definitions are
/// in the README. Event names and details are read in <see cref="Facts"/> only.
/// </summary>
public static class AdditionalIndicators
{
    /// <summary><paramref name="todays"/>: the events of the day [start, end), any order; <paramref name="zone"/>: the platform's.</summary>
    public static List<AdditionalIndicator> Compute(IReadOnlyList<PersonEvent> todays, TimeZoneInfo zone)
    {
        var f = Facts.Of(todays, zone);
        var reached = f.Calls.Where(c => c.Outcome == nameof(CallOutcome.Reached)).ToList();
        var values = new Dictionary<string, AdditionalIndicator>
        {
            [SmsAnswerRate] = Scalar(Percent(f.QuestionnairesAnswered, f.SmsSent.Count)),
            [QuestionnaireCompletionRate] = Scalar(Percent(f.SmsDelivered.Count(f.Answered.Contains), f.SmsDelivered.Count)),
            [SmsDeliveryRate] = Scalar(Percent(f.SmsSent.Count(f.Delivered.Contains), f.SmsSent.Count)),
            [CallsByHour] = new() { ByHour = Enumerable.Range(0, 24).Select(h => f.Calls.Count(c => c.Hour == h)).ToArray() },
            [MeanAttemptsPerPersonReached] = Scalar(Mean(reached.Select(c => c.Attempt))),
            [LateRetries] = Scalar(f.LateRetries),
            [RetryRate] = Scalar(Percent(f.Calls.Count(c => c.Attempt >= 2), f.Calls.Count)),
            [ReachedRate] = Scalar(Percent(reached.Count, f.Calls.Count)),
            [MeanCallSecondsByType] = new()
            {
                ByType = DailyReports.Types.ToDictionary(t => t, t =>
                    Mean(f.Calls.Where(c => c.Type == t && c.Seconds is not null).Select(c => c.Seconds!.Value))),
            },
            [CtaiReferrals] = Scalar(f.CtaiReferrals),
            [MobileTeamReferrals] = Scalar(f.MobileTeamReferrals),
        };
        return All.Select(x => values[x.Id] with { Id = x.Id, Unit = x.Unit }).ToList();
    }

    private static AdditionalIndicator Scalar(double? value) => new() { Number = value };

    private static double? Mean(IEnumerable<int> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 1);
    }

    private static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    /// <summary>A call attempt as its callOutcome event tells it.</summary>
    private sealed record Call(string Type, string Outcome, int Attempt, int? Seconds, int Hour);

    /// <summary>What the indicators need from the day's events: the one place that reads event names and details.</summary>
    private sealed record Facts(List<Call> Calls, List<(Guid, string)> SmsSent, List<(Guid, string)> SmsDelivered,
        HashSet<(Guid, string)> Delivered, HashSet<(Guid, string)> Answered, int QuestionnairesAnswered, int LateRetries, int CtaiReferrals,
        int MobileTeamReferrals)
    {
        public static Facts Of(IReadOnlyList<PersonEvent> todays, TimeZoneInfo zone)
        {
            List<(Guid, string)> Milestones(string name) =>
                todays.Where(e => e.Event == name).Select(e => (e.PersonId, e.Detail ?? "")).Distinct().ToList();
            var calls = todays.Where(e => e.Event == TimelineEvents.CallOutcome).Select(e => (e.At, Detail: CallOutcomeDetail.Parse(e.Detail)))
                .Select(x => new Call(x.Detail.Type, x.Detail.Outcome, x.Detail.Attempt ?? 1, x.Detail.Seconds,
                    TimeZoneInfo.ConvertTime(x.At, zone).Hour))
                .ToList();
            var delivered = Milestones(TimelineEvents.SmsDelivered);
            var answered = Milestones(TimelineEvents.QuestionnaireAnswered);
            return new Facts(calls, Milestones(TimelineEvents.SmsSent), delivered, [.. delivered], [.. answered],
                todays.Count(e => e.Event == TimelineEvents.QuestionnaireAnswered), todays.Count(e => e.Event == TimelineEvents.RetryLate),
                Milestones(TimelineEvents.CtaiReferral).Select(x => (x.Item1, TimelineEvents.MilestoneIdOf(x.Item2))).Distinct().Count(),
                Milestones(TimelineEvents.MobileTeamReferral).Select(x => (x.Item1, TimelineEvents.MilestoneIdOf(x.Item2))).Distinct().Count());
        }
    }
}
