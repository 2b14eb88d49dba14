using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Application.Persons;

/// <summary>
/// A timeline entry's detail as operators read it: the protocol writes compact machine details
/// ("J2:noAnswer:2026-11-26T12:00:00Z", "J2:NoAnswer:1:120:notConcerned: déjà isolé"); the pages show
/// "J2 · SMS sans réponse · 26/11 13:00". The API keeps the raw detail.
/// </summary>
public static partial class TimelineFormat
{
    public static string Detail(TimelineEntry e, IStringLocalizer t)
    {
        if (string.IsNullOrEmpty(e.Detail)) return "";
        return e.Event switch
        {
            TimelineEvents.CallOutcome => CallOutcome(e.Detail, t),
            TimelineEvents.FollowUpEnded => EndReason(e.Detail, t),
            TimelineEvents.Included => Label(t, "Kind_" + (e.Detail == "case" ? "Case" : "Contact"), e.Detail),
            TimelineEvents.SmsReply => e.Detail, // the person's own words
            _ => string.Join(" · ", Tokens(e.Detail).Select(x => Token(x, t))),
        };
    }

    /// <summary>"operator:op1" → "op1", "import:sup1" → "Import (sup1)", "system" → "Système".</summary>
    public static string Actor(string actor, IStringLocalizer t)
    {
        var p = actor.Split(':', 2);
        if (p.Length == 1) return Label(t, "Actor_" + actor, actor);
        return t["Actor_" + p[0]] is { ResourceNotFound: false } kind ? $"{kind.Value} ({p[1]})" : p[1];
    }

    /// <summary>A person's status with the end reason and its text: "Suivi terminé · Refus de suivi · …".</summary>
    public static string Status(PersonView p, IStringLocalizer t)
    {
        var status = Label(t, "Status_" + p.Status, p.Status);
        if (p.EndReason is not { } reason) return status;
        var text = p.EndReasonText is { Length: > 0 } x ? " · " + Reason(x, t) : "";
        return $"{status} · {Label(t, "EndReason_" + reason, reason.ToString())}{text}";
    }

    private static string CallOutcome(string detail, IStringLocalizer t)
    {
        var c = CallOutcomeDetail.Parse(detail);
        if (!c.Complete) return detail;
        var parts = new List<string> { c.MilestoneId, Label(t, "Outcome_" + c.Outcome, c.Outcome) };
        if (c.Attempt is { } attempt) parts.Add(string.Format(t["TL_Attempt"], attempt));
        if (c.Seconds is { } seconds && seconds > 0) parts.Add($"{seconds / 60} min {seconds % 60:00}");
        if (c.Reason is { } reason) parts.Add(Reason(reason, t));
        return string.Join(" · ", parts);
    }

    private static string EndReason(string detail, IStringLocalizer t)
    {
        var end = FollowUpEndDetail.Parse(detail);
        var label = Label(t, "EndReason_" + end.Reason, end.Reason);
        return end.Text is { } text ? $"{label} · {Reason(text, t)}" : label;
    }

    /// <summary>"notConcerned: déjà isolé" → "Ne se sent pas concerné(e) : déjà isolé".</summary>
    private static string Reason(string reason, IStringLocalizer t)
    {
        var p = reason.Split(':', 2);
        var code = p[0].Trim();
        var label = t["Refusal_" + code] is { ResourceNotFound: false } r ? r.Value
            : t["Dropout_" + code] is { ResourceNotFound: false } d ? d.Value : code;
        return p.Length == 2 && p[1].Trim().Length > 0 ? $"{label} : {p[1].Trim()}" : label;
    }

    /// <summary>Splits on ':' but keeps ISO instants (which contain ':') whole.</summary>
    private static IEnumerable<string> Tokens(string detail)
    {
        var at = 0;
        foreach (Match m in Instant().Matches(detail))
        {
            foreach (var x in detail[at..m.Index].Split(':', StringSplitOptions.RemoveEmptyEntries)) yield return x;
            yield return m.Value;
            at = m.Index + m.Length;
        }
        foreach (var x in detail[at..].Split(':', StringSplitOptions.RemoveEmptyEntries)) yield return x;
    }

    private static string Token(string x, IStringLocalizer t)
    {
        if (Instant().IsMatch(x) && DateTimeOffset.TryParse(x, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return PlatformClock.ToLocal(at).ToString("dd/MM HH:mm", CultureInfo.InvariantCulture);
        if (DateOnly.TryParseExact(x, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        return t["TL_" + x] is { ResourceNotFound: false } s ? s.Value : x;
    }

    private static string Label(IStringLocalizer t, string key, string fallback) => t[key] is { ResourceNotFound: false } s ? s.Value : fallback;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")]
    private static partial Regex Instant();
}
