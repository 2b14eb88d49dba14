using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Privacy;

/// <summary>
/// What anonymising a person removes from its state: names, phone, birth date, external id and free text (SMS replies,
/// reasons typed by staff and operators, the pending SMS text). Kept: kind, department, dates, milestones, outcomes,
/// answers as codes, durations — what the reports count.
/// </summary>
public static class PersonalData
{
    public const string ErasedEvent = TimelineEvents.PersonalDataErased;

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
        for (var i = 0; i < s.Timeline.Count; i++) s.Timeline[i] = s.Timeline[i] with
        {
            Detail = ScrubDetail(s.Timeline[i].Event,
            s.Timeline[i].Detail)
        };
    }

    /// <summary>The same rules as the database function person_events_scrub (db/0071_scrub_from_event_views.sql).</summary>
    public static string? ScrubDetail(string evt, string? detail)
    {
        if (detail is null) return null;
        switch (evt)
        {
            case TimelineEvents.SmsReply:
                return null;
            case TimelineEvents.CallOutcome:
                var outcome = CallOutcomeDetail.Parse(detail);
                return (outcome with { Reason = outcome.ReasonCode ?? "" }).Format();
            case TimelineEvents.FollowUpEnded:
                var end = FollowUpEndDetail.Parse(detail);
                return new FollowUpEndDetail(end.Reason, end.Reason is nameof(EndReason.Dropout) or nameof(EndReason.Refused) ? end.Code : null)
                    .Format();
            default:
                return detail;
        }
    }

    /// <summary>"hospitalised: typed text" → "hospitalised" (the code before the operator's words).</summary>
    private static string? Code(string? reason) => reason is null ? null : reason.Split(':')[0].Trim() is { Length: > 0 } c ? c : null;
}
