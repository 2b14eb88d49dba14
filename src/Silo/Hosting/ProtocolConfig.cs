using System.Globalization;
using FollowUp.Silo.Protocol;
using Microsoft.Extensions.Configuration;

namespace FollowUp.Silo;

/// <summary>Binds FollowUp:Protocol (SmsTime "09:00", SmsLatest, SmsDays "Mon,Tue,…", SmsOnHolidays, SmsWait "04:00:00", RetryGap (RetryDelay as a
/// fallback), RetryMinGap, Anchor, TestFollowUpDelayDays, QuestionnaireValidDays, TimeZone).</summary>
public static class ProtocolConfig
{
    public static ProtocolSettings Read(IConfiguration config)
    {
        var s = config.GetSection("FollowUp:Protocol");
        var d = ProtocolSettings.Default;
        return new ProtocolSettings
        {
            SmsTime = Time(s, "SmsTime", d.SmsTime),
            SmsLatest = Time(s, "SmsLatest", d.SmsLatest),
            SmsDays = s["SmsDays"] is { Length: > 0 } days ? ParseDays(days) : d.SmsDays,
            SmsOnHolidays = s.GetValue("SmsOnHolidays", d.SmsOnHolidays),
            SmsWait = Span(s, "SmsWait", d.SmsWait),
            RetryGap = Span(s, "RetryGap", Span(s, "RetryDelay", d.RetryGap)),
            RetryMinGap = Span(s, "RetryMinGap", d.RetryMinGap),
            Anchor = s["Anchor"] is not { Length: > 0 } anchor ? d.Anchor
                : Enum.TryParse<ProtocolAnchor>(anchor, ignoreCase: true, out var a) && Enum.IsDefined(a) ? a
                : throw new ConfigurationException($"FollowUp:Protocol:Anchor '{anchor}' is not inclusionDate or isolationStartDate."),
            TestFollowUpDelayDays = s.GetValue("TestFollowUpDelayDays", d.TestFollowUpDelayDays),
            QuestionnaireValidDays = s.GetValue("QuestionnaireValidDays", d.QuestionnaireValidDays),
            Zone = s["TimeZone"] is { Length: > 0 } tz ? TimeZoneInfo.FindSystemTimeZoneById(tz) : d.Zone,
        };
    }

    private static TimeOnly Time(IConfigurationSection s, string key, TimeOnly fallback) =>
        s[key] is not { Length: > 0 } v ? fallback
        : TimeOnly.TryParse(v, CultureInfo.InvariantCulture, out var t) ? t
        : throw new ConfigurationException($"FollowUp:Protocol:{key} '{v}' is not a time of day (HH:mm).");

    private static TimeSpan Span(IConfigurationSection s, string key, TimeSpan fallback) =>
        s[key] is not { Length: > 0 } v ? fallback
        : TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var t) ? t
        : throw new ConfigurationException($"FollowUp:Protocol:{key} '{v}' is not a duration (hh:mm:ss).");

    private static HashSet<DayOfWeek> ParseDays(string v) => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(x => Enum.GetValues<DayOfWeek>().FirstOrDefault(d => d.ToString().StartsWith(x, StringComparison.OrdinalIgnoreCase),
            (DayOfWeek)(-1)) is var day && (int)day >= 0
            ? day : throw new ConfigurationException($"FollowUp:Protocol:SmsDays: '{x}' is not a day of the week."))
        .ToHashSet();
}
