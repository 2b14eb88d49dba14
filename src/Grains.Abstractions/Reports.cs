using Orleans.Concurrency;

namespace FollowUp;

/// <summary>
/// The daily report to the ARS (CCTP art. 3.2). Every figure is defined in the README and computed from the durable
/// person events, so a past day always gives the same numbers.
/// </summary>
[GenerateSerializer, Immutable, Alias("FollowUp.DailyReport")]
public sealed record DailyReport
{
    [Id(0)] public DateOnly Date { get; init; }
    [Id(1)] public int CallsToMake { get; init; }
    [Id(2)] public double CallsNotMadePercent { get; init; }
    [Id(3)] public int CallsMade { get; init; }
    [Id(4)] public double? MeanCallSeconds { get; init; }
    [Id(5)] public Dictionary<string, double?> MeanCallSecondsByType { get; init; } = [];
    [Id(6)] public int VulnerableReferredToCtai { get; init; }
    [Id(7)] public int Retries { get; init; }
    [Id(8)] public Dictionary<string, int> DropoutsByReason { get; init; } = [];
    [Id(9)] public Dictionary<string, int> RefusalsByReason { get; init; } = [];
    [Id(10)] public int ContactsWithoutTestAtJ7 { get; init; }
    [Id(11)] public int SmsSent { get; init; }
    [Id(12)] public int SmsDelivered { get; init; }
    [Id(13)] public int QuestionnairesCompleted { get; init; }
    [Id(14)] public int Unreachable { get; init; }
    [Id(15)] public int PersonsInFollowUp { get; init; }
    [Id(16)] public int Inclusions { get; init; }
    [Id(17)] public int PositivesAtJ7 { get; init; }
    [Id(18)] public int CallsNotMade { get; init; }
    [Id(19)] public Dictionary<string, int> CallsMadeByType { get; init; } = [];
    [Id(20)] public Dictionary<string, int> OutcomesByType { get; init; } = [];
    /// <summary>Persons found socially vulnerable at their first contact (J2 call or questionnaire), counted on that day.</summary>
    [Id(21)] public int VulnerableIdentified { get; init; }
    /// <summary>J-milestone SMS sent and not answered by the end of the questionnaire wait (that day).</summary>
    [Id(22)] public int QuestionnairesNotReturned { get; init; }
    /// <summary>Retries that could not fit before closing and went to the next opening (that day).</summary>
    [Id(23)] public int LateRetries { get; init; }
    /// <summary>The department these figures cover; null: every department.</summary>
    [Id(24)] public string? Department { get; init; }
    /// <summary>Every figure per department (only in the report over every department).</summary>
    [Id(25)] public SortedDictionary<string, DailyReport>? ByDepartment { get; init; }
    /// <summary>Call attempts started inside the person's preferred call window (that day).</summary>
    [Id(26)] public int CallsInWindow { get; init; }
    /// <summary>"Informations complémentaires": every indicator of the catalogue as computed; the web keeps those the ARS
    /// selected (Admin › Indicateurs) when it presents the report.</summary>
    [Id(27)] public List<AdditionalIndicator> AdditionalIndicators { get; init; } = [];
}

/// <summary>The report's figures in reading order, as (key, value) — the same rows for the page, CSV, XLSX and the e-mail.</summary>
public static class DailyReportFigures
{
    public static List<(string Key, object? Value)> Of(DailyReport r)
    {
        var rows = new List<(string, object?)>
        {
            ("date", r.Date.ToString("yyyy-MM-dd")), ("callsToMake", r.CallsToMake), ("callsNotMade", r.CallsNotMade),
            ("callsNotMadePercent", r.CallsNotMadePercent), ("callsMade", r.CallsMade),
        };
        rows.AddRange(r.CallsMadeByType.Select(x => ($"callsMadeByType.{x.Key}", (object?)x.Value)));
        rows.Add(("callsInWindow", r.CallsInWindow));
        rows.Add(("meanCallSeconds", r.MeanCallSeconds));
        rows.AddRange(r.MeanCallSecondsByType.Select(x => ($"meanCallSecondsByType.{x.Key}", (object?)x.Value)));
        rows.Add(("vulnerableIdentified", r.VulnerableIdentified));
        rows.Add(("vulnerableReferredToCtai", r.VulnerableReferredToCtai));
        rows.Add(("retries", r.Retries));
        rows.Add(("lateRetries", r.LateRetries));
        rows.AddRange(r.DropoutsByReason.OrderBy(x => x.Key).Select(x => ($"dropoutsByReason.{x.Key}", (object?)x.Value)));
        rows.AddRange(r.RefusalsByReason.OrderBy(x => x.Key).Select(x => ($"refusalsByReason.{x.Key}", (object?)x.Value)));
        rows.AddRange([
            ("contactsWithoutTestAtJ7", r.ContactsWithoutTestAtJ7), ("smsSent", r.SmsSent), ("smsDelivered", r.SmsDelivered),
            ("questionnairesCompleted", r.QuestionnairesCompleted), ("questionnairesNotReturned", r.QuestionnairesNotReturned),
                ("unreachable", r.Unreachable), ("personsInFollowUp", r.PersonsInFollowUp),
            ("inclusions", r.Inclusions), ("positivesAtJ7", r.PositivesAtJ7),
        ]);
        return rows;
    }

    /// <summary>Invariant text of a figure: numbers with at most one decimal, empty for "none".</summary>
    public static string Format(object? v) => v switch
    {
        null => "",
        double d => d.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}

/// <summary>A person event as stored in person_events (the durable timeline).</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.PersonEvent")]
public sealed record PersonEvent(
    [property: Id(0)] Guid PersonId,
    [property: Id(1)] int Seq,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Event,
    [property: Id(4)] string Actor,
    [property: Id(5)] string? Detail);

/// <summary>Today's live figures for the supervisors' dashboard.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.LiveSnapshot")]
public sealed record LiveSnapshot
{
    [Id(0)] public DateOnly Date { get; init; }
    [Id(1)] public DateTimeOffset At { get; init; }
    [Id(2)] public int CallsMade { get; init; }
    [Id(3)] public Dictionary<string, int[]> CallsPerHourByType { get; init; } = [];
    [Id(4)] public Dictionary<string, double?> MeanCallSecondsByType { get; init; } = [];
    [Id(5)] public Dictionary<string, int> Outcomes { get; init; } = [];
    [Id(6)] public int SmsSent { get; init; }
    [Id(7)] public int QuestionnairesCompleted { get; init; }
    [Id(8)] public double? SmsAnswerRatePercent { get; init; }
    [Id(9)] public List<OperatorStatusView> Operators { get; init; } = [];
    /// <summary>Calls due now and in no operator's hands.</summary>
    [Id(10)] public int QueueLength { get; init; }
    /// <summary>Calls made + calls still to make before the day's end (the daily report's callsToMake, live).</summary>
    [Id(11)] public int CallsToMakeToday { get; init; }
    /// <summary>Calls due before the day's end and not made yet (in the queue, in an operator's hands, or later today).</summary>
    [Id(14)] public int CallsRemainingToday { get; init; }
    [Id(12)] public int Inclusions { get; init; }
    /// <summary>Calls made per hour (all types), for the "due / made / remaining through the day" chart.</summary>
    [Id(13)] public int[] CallsPerHour { get; init; } = new int[24];
    /// <summary>The same figures for each department with activity or calls due today (no operators, no nesting).</summary>
    [Id(15)] public SortedDictionary<string, LiveSnapshot> ByDepartment { get; init; } = [];
    /// <summary>Calls due now and in no operator's hands, by call type (the console's queue counts; region only).</summary>
    [Id(16)] public Dictionary<string, int> QueueByType { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("FollowUp.OperatorStatusView")]
public sealed record OperatorStatusView([property: Id(0)] string OperatorId, [property: Id(1)] OperatorStatus Status,
    [property: Id(2)] string? PauseReason, [property: Id(3)] DateTimeOffset Since);

/// <summary>
/// A web node listening to the live dashboard. One-way: the reporting grain never waits for a node, so a node that died
/// (or hangs) cannot hold back the others' pushes until Orleans' response timeout; a dead node's subscription expires.
/// </summary>
[Alias("FollowUp.IDashboardObserver")]
public interface IDashboardObserver : IGrainObserver
{
    [OneWay, Alias("Update")] Task Update(LiveSnapshot snapshot);
    /// <summary>Persons whose record changed: the node pushes to the screens that watch them.</summary>
    [OneWay, Alias("PersonsChanged")] Task PersonsChanged(List<Guid> personIds);
}

/// <summary>Expected calls and operators for the next days, from the known schedule and the measured rates.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.StaffingForecast")]
public sealed record StaffingForecast
{
    [Id(0)] public double SmsAnswerRatePercent { get; init; }
    [Id(1)] public double RetryRatePercent { get; init; }
    [Id(2)] public Dictionary<string, double> MeanCallSecondsByType { get; init; } = [];
    [Id(3)] public List<ForecastDay> Days { get; init; } = [];
    [Id(4)] public List<ForecastDay> DaysWithSundaysOpen { get; init; } = [];
    [Id(5)] public double Occupancy { get; init; }
    /// <summary>False while no SMS (answer rate) or no call (retry rate) was measured in the last 7 days: defaults apply.</summary>
    [Id(6)] public bool RatesMeasured { get; init; }
    /// <summary>Mean call duration measured over the last 7 days per type, for information (null: no call of that type).</summary>
    [Id(7)] public Dictionary<string, double?> MeasuredCallSecondsByType { get; init; } = [];
    /// <summary>The call durations the forecast uses (FollowUp:Staffing:CallMinutes, the tender's by default), in minutes.</summary>
    [Id(8)] public Dictionary<string, double> CallMinutesByType { get; init; } = [];
    /// <summary>Inclusions expected on each day ahead: the measured mean unless overridden.</summary>
    [Id(9)] public double InclusionsPerDay { get; init; }
    /// <summary>Mean inclusions a day over the last 7 days.</summary>
    [Id(10)] public double MeasuredInclusionsPerDay { get; init; }
    [Id(11)] public bool InclusionsOverridden { get; init; }
    /// <summary>Share of cases among last week's inclusions (the rest are contacts), and of persons vulnerable at inclusion.</summary>
    [Id(12)] public double CaseSharePercent { get; init; }
    [Id(13)] public double VulnerableSharePercent { get; init; }
}

[GenerateSerializer, Immutable, Alias("FollowUp.ForecastDay")]
public sealed record ForecastDay
{
    [Id(0)] public DateOnly Date { get; init; }
    [Id(1)] public bool Open { get; init; }
    [Id(2)] public Dictionary<string, int> MilestonesByType { get; init; } = [];
    [Id(3)] public double ExpectedCalls { get; init; }
    [Id(4)] public double OperatorHours { get; init; }
    [Id(5)] public int OperatorsNeeded { get; init; }
    /// <summary>Expected calls per call type (live cohort + expected inclusions), closed days' calls included on the next open day.</summary>
    [Id(6)] public Dictionary<string, double> ExpectedCallsByType { get; init; } = [];
    /// <summary>The part of <see cref="ExpectedCalls"/> that comes from expected inclusions (not yet included persons).</summary>
    [Id(7)] public double InclusionCalls { get; init; }
    [Id(8)] public double ExpectedInclusions { get; init; }
    /// <summary>Opening hours that day (0 when closed).</summary>
    [Id(9)] public double OpenHours { get; init; }
}
