using System.Globalization;
using FollowUp.Silo.Protocol;

namespace FollowUp.Silo;

/// <summary>
/// <c>FollowUp:Protocol</c>: the protocol's tunable rules as configuration text ("09:00", "Mon,Tue", "04:00:00"),
/// mapped by <see cref="Settings"/> to <see cref="ProtocolSettings"/>, the pure protocol's input. The defaults are
/// <see cref="ProtocolSettings.Default"/>'s, written there once (SmsPrepareAhead's is
/// <see cref="ProtocolSettings.ProductionPrepareAhead"/>); an empty value means the default.
/// </summary>
public sealed class ProtocolOptions : ISectionOptions
{
    private static readonly ProtocolSettings Defaults = ProtocolSettings.Default;

    public static string Section => "FollowUp:Protocol";

    /// <summary>Time of day the milestone SMS goes out (HH:mm).</summary>
    public string SmsTime { get; set; } = Defaults.SmsTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Latest time of day an SMS may go out (HH:mm).</summary>
    public string SmsLatest { get; set; } = Defaults.SmsLatest.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Days SMS may go out, e.g. "Mon,Tue,Wed,Thu,Fri,Sat" (a prefix of the English name); empty: every day.</summary>
    public string SmsDays { get; set; } = "";

    public bool SmsOnHolidays { get; set; } = Defaults.SmsOnHolidays;

    /// <summary>Questionnaire wait before the call is due (hh:mm:ss).</summary>
    public string SmsWait { get; set; } = Defaults.SmsWait.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Gap before the retry of an unanswered call (hh:mm:ss); empty: <see cref="RetryDelay"/>, else the default.</summary>
    public string RetryGap { get; set; } = "";

    /// <summary>The old name of <see cref="RetryGap"/>, read when RetryGap is empty.</summary>
    public string RetryDelay { get; set; } = "";

    /// <summary>How long before its hour a milestone SMS is recorded "to send" (hh:mm:ss; 0 = at the hour).</summary>
    public string SmsPrepareAhead { get; set; } = ProtocolSettings.ProductionPrepareAhead.ToString("c", CultureInfo.InvariantCulture);

    public string RetryMinGap { get; set; } = Defaults.RetryMinGap.ToString("c", CultureInfo.InvariantCulture);

    /// <summary><c>inclusionDate</c> or <c>isolationStartDate</c>.</summary>
    public string Anchor { get; set; } = JsonName(Defaults.Anchor);

    public int TestFollowUpDelayDays { get; set; } = Defaults.TestFollowUpDelayDays;

    public int QuestionnaireValidDays { get; set; } = Defaults.QuestionnaireValidDays;

    /// <summary>An IANA time zone id.</summary>
    public string TimeZone { get; set; } = Defaults.Zone.Id;

    /// <summary>The pure protocol's settings; call it on checked options (<see cref="Problems"/> empty).</summary>
    public ProtocolSettings Settings() => new()
    {
        SmsTime = Time(SmsTime, Defaults.SmsTime) ?? Defaults.SmsTime,
        SmsLatest = Time(SmsLatest, Defaults.SmsLatest) ?? Defaults.SmsLatest,
        SmsDays = SmsDays.Length == 0 ? Defaults.SmsDays : DayList().OfType<DayOfWeek>().ToHashSet(),
        SmsOnHolidays = SmsOnHolidays,
        SmsWait = Span(SmsWait, Defaults.SmsWait) ?? Defaults.SmsWait,
        RetryGap = Span(RetryGap, Span(RetryDelay, Defaults.RetryGap)) ?? Defaults.RetryGap,
        RetryMinGap = Span(RetryMinGap, Defaults.RetryMinGap) ?? Defaults.RetryMinGap,
        SmsPrepareAhead = Span(SmsPrepareAhead, ProtocolSettings.ProductionPrepareAhead) ?? ProtocolSettings.ProductionPrepareAhead,
        Anchor = AnchorValue() ?? Defaults.Anchor,
        TestFollowUpDelayDays = TestFollowUpDelayDays,
        QuestionnaireValidDays = QuestionnaireValidDays,
        Zone = Zone() ?? Defaults.Zone,
    };

    public IEnumerable<string> Problems()
    {
        foreach (var (key, value) in new[] { ("SmsTime", SmsTime), ("SmsLatest", SmsLatest) })
            if (Time(value, TimeOnly.MinValue) is null) yield return $"FollowUp:Protocol:{key} '{value}' is not a time of day (HH:mm).";
        foreach (var (key, value) in new[]
            { ("SmsWait", SmsWait), ("RetryGap", RetryGap), ("RetryDelay", RetryDelay), ("RetryMinGap", RetryMinGap),
                ("SmsPrepareAhead", SmsPrepareAhead) })
            if (Span(value, TimeSpan.Zero) is null) yield return $"FollowUp:Protocol:{key} '{value}' is not a duration (hh:mm:ss).";
        if (Span(SmsPrepareAhead, TimeSpan.Zero) is { } ahead && (ahead < TimeSpan.Zero || ahead > TimeSpan.FromHours(6)))
            yield return $"FollowUp:Protocol:SmsPrepareAhead '{SmsPrepareAhead}' must be between 00:00:00 and 06:00:00.";
        foreach (var (day, value) in DayList().Zip(Days()))
            if (day is null) yield return $"FollowUp:Protocol:SmsDays: '{value}' is not a day of the week.";
        if (AnchorValue() is null) yield return $"FollowUp:Protocol:Anchor '{Anchor}' is not inclusionDate or isolationStartDate.";
        if (TestFollowUpDelayDays < 1)
            yield return $"FollowUp:Protocol:TestFollowUpDelayDays must be at least 1 (got {TestFollowUpDelayDays}).";
        if (QuestionnaireValidDays < 1)
            yield return $"FollowUp:Protocol:QuestionnaireValidDays must be at least 1 (got {QuestionnaireValidDays}).";
        if (Zone() is null) yield return $"FollowUp:Protocol:TimeZone '{TimeZone}' is not a known time zone (e.g. Europe/Paris).";
    }

    /// <summary>"inclusionDate": the enum's name as written in configuration and JSON.</summary>
    private static string JsonName(ProtocolAnchor anchor) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(anchor.ToString());

    /// <summary>The value, the fallback when empty, null when unreadable.</summary>
    private static TimeOnly? Time(string value, TimeOnly fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : TimeOnly.TryParse(value, CultureInfo.InvariantCulture, out var t) ? t : null;

    private static TimeSpan? Span(string value, TimeSpan? fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var t) ? t : null;

    private string[] Days() => SmsDays.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Each entry of <see cref="SmsDays"/> as a day (a prefix of its English name), null when it is none.</summary>
    private IEnumerable<DayOfWeek?> DayList() => Days().Select(x =>
        Enum.GetValues<DayOfWeek>().Where(d => d.ToString().StartsWith(x, StringComparison.OrdinalIgnoreCase)).Select(d => (DayOfWeek?)d)
            .FirstOrDefault());

    private ProtocolAnchor? AnchorValue() =>
        string.IsNullOrWhiteSpace(Anchor) ? Defaults.Anchor
        : Enum.TryParse<ProtocolAnchor>(Anchor, ignoreCase: true, out var a) && Enum.IsDefined(a) ? a : null;

    private TimeZoneInfo? Zone()
    {
        if (string.IsNullOrWhiteSpace(TimeZone)) return Defaults.Zone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : null;
    }
}
