using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Reporting;

/// <summary>A milestone ahead: its type, its day, and whether its call is certain whatever the SMS brings (the person is
/// socially vulnerable, has no mobile or opted out of SMS).</summary>
public sealed record ScheduledMilestone(string Type, DateOnly Date, bool CallCertain);

/// <summary>
/// The protocol is deterministic: the next days' milestones are known. Expected calls = (certain calls + other
/// milestones × (1 − measured SMS answer rate)) × (1 + measured retry rate); operator hours = calls × measured mean duration (tender durations
/// when nothing was measured yet) ÷ occupancy; operators = hours ÷ the day's opening hours. A closed day's calls move
/// to the next open day.
/// </summary>
public static class StaffingForecasts
{
    public const double Occupancy = 0.75;
    private static readonly Dictionary<string, double> TenderSeconds = new()
    {
        ["J2"] = 7 * 60,
        ["J4"] = 10 * 60,
        ["J7"] = 4 * 60,
        ["J7TestFollowUp"] = 4 * 60,
        ["J9"] = 4 * 60,
    };

    public static StaffingForecast Compute(DateOnly today, IReadOnlyList<DailyReport> past, IReadOnlyList<ScheduledMilestone> scheduled, PlatformCalendar calendar)
    {
        var sms = past.Sum(r => r.SmsSent);
        var answerRate = sms == 0 ? 0.5 : Math.Min(1, (double)past.Sum(r => r.QuestionnairesCompleted) / sms);
        var attempts = past.Sum(r => r.CallsMade);
        var retryRate = attempts == 0 ? 0.3 : (double)past.Sum(r => r.Retries) / Math.Max(1, attempts - past.Sum(r => r.Retries));
        var seconds = DailyReports.Types.ToDictionary(t => t, t =>
        {
            var weighted = past.Where(r => r.MeanCallSecondsByType.GetValueOrDefault(t) is not null).ToList();
            var n = weighted.Sum(r => r.CallsMadeByType.GetValueOrDefault(t));
            return n == 0 ? TenderSeconds[t] : weighted.Sum(r => r.MeanCallSecondsByType[t]!.Value * r.CallsMadeByType.GetValueOrDefault(t)) / n;
        });

        List<ForecastDay> Days(bool sundaysOpen)
        {
            var days = new List<ForecastDay>();
            var carried = new List<ScheduledMilestone>(); // a closed day's milestones are called on the next open day
            for (var i = 1; i <= 7; i++)
            {
                var date = today.AddDays(i);
                var hours = calendar.HoursOn(date);
                if (sundaysOpen && hours is null && date.DayOfWeek == DayOfWeek.Sunday) hours = calendar.HoursOn(date.AddDays(-1)) ?? new DayHours(new(9, 0), new(19, 0));
                var due = carried.Concat(scheduled.Where(s => s.Date == date)).ToList();
                var byType = DailyReports.Types.ToDictionary(t => t, t => due.Count(s => s.Type == t));
                if (hours is null)
                {
                    carried = due;
                    days.Add(new ForecastDay { Date = date, Open = false, MilestonesByType = byType });
                    continue;
                }
                carried = [];
                double Calls(ScheduledMilestone s) => (s.CallCertain ? 1 : 1 - answerRate) * (1 + retryRate);
                var calls = due.Sum(Calls);
                var operatorHours = due.Sum(s => Calls(s) * seconds[s.Type]) / 3600 / Occupancy;
                var open = (hours.Close - hours.Open).TotalHours;
                days.Add(new ForecastDay
                {
                    Date = date,
                    Open = true,
                    MilestonesByType = byType,
                    ExpectedCalls = Math.Round(calls, 1),
                    OperatorHours = Math.Round(operatorHours, 1),
                    OperatorsNeeded = (int)Math.Ceiling(operatorHours / open),
                });
            }
            return days;
        }

        return new StaffingForecast
        {
            SmsAnswerRatePercent = Math.Round(answerRate * 100, 1),
            RetryRatePercent = Math.Round(retryRate * 100, 1),
            MeanCallSecondsByType = seconds.ToDictionary(x => x.Key, x => Math.Round(x.Value, 1)),
            Days = Days(false),
            DaysWithSundaysOpen = Days(true),
            Occupancy = Occupancy,
            RatesMeasured = sms > 0 && attempts > 0,
        };
    }
}
