using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Privacy;

/// <summary>
/// What anonymising a person removes from its state: names, phone, birth date, external id and free text (SMS replies,
/// reasons typed by staff and operators, the pending SMS text). Kept: kind, department, dates, milestones, outcomes,
/// answers as codes, durations — what the reports count.
/// </summary>
public static class PersonalData
{
    public const string ErasedEvent = "personalDataErased";

    /// <summary>The external id an anonymised person keeps (unique, says nothing about the person).</summary>
    public static string AnonymousExternalId(Guid id) => "effacé-" + id.ToString("N");

    public static void Anonymise(PersonState s)
    {
        s.ExternalId = AnonymousExternalId(s.Id);
        s.FirstName = "";
        s.LastName = "";
        s.Phone = "";
        s.PhoneIsMobile = false;
        s.BirthDate = null;
        s.EndReasonText = s.EndReason is EndReason.Dropout or EndReason.Refused ? Code(s.EndReasonText) : null;
        foreach (var m in s.Milestones)
        {
            m.Sms.PendingText = null;
            foreach (var a in m.Call.Attempts) a.Reason = Code(a.Reason);
        }
        for (var i = 0; i < s.Timeline.Count; i++) s.Timeline[i] = s.Timeline[i] with { Detail = ScrubDetail(s.Timeline[i].Event, s.Timeline[i].Detail) };
    }

    /// <summary>The same rules as the database function person_events_scrub.</summary>
    public static string? ScrubDetail(string evt, string? detail)
    {
        if (detail is null) return null;
        switch (evt)
        {
            case "smsReply":
                return null;
            case "callOutcome":
                var p = detail.Split(':');
                string At(int i) => i < p.Length ? p[i] : "";
                return $"{At(0)}:{At(1)}:{At(2)}:{At(3)}:{At(4).Trim()}";
            case "followUpEnded":
                var e = detail.Split(':');
                return e[0] is "Dropout" or "Refused" && e.Length > 1 && e[1].Trim().Length > 0 ? $"{e[0]}:{e[1].Trim()}" : e[0];
            default:
                return detail;
        }
    }

    /// <summary>"hospitalised: typed text" → "hospitalised" (the code before the operator's words).</summary>
    private static string? Code(string? reason) => reason is null ? null : reason.Split(':')[0].Trim() is { Length: > 0 } c ? c : null;
}
