using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Grains;

/// <summary>Maps the person's state to its read models (API view, search row, due-call index).</summary>
public static class PersonViews
{
    public static PersonView From(PersonState s, PlatformCalendar calendar)
    {
        DateTimeOffset? L(DateTimeOffset? at) => at is { } v ? TimeZoneInfo.ConvertTime(v, calendar.Zone) : null;
        return new()
        {
            Id = s.Id,
            ExternalId = s.ExternalId,
            Kind = s.Kind,
            FirstName = s.FirstName,
            LastName = s.LastName,
            Phone = s.Phone,
            BirthDate = s.BirthDate,
            Department = s.Department,
            InclusionDate = s.InclusionDate,
            IsolationStartDate = s.IsolationStartDate,
            LastContactDate = s.LastContactDate,
            Anchor = s.Anchor == ProtocolAnchor.IsolationStartDate ? "isolationStartDate" : "inclusionDate",
            AnchorDate = s.J0,
            RecommendedTestDate = s.RecommendedTestDate,
            PreferredCallWindow = s.CallWindow,
            SociallyVulnerable = s.SociallyVulnerable,
            Language = s.Language,
            SmsOptOut = s.SmsOptOut,
            Status = StatusName(s),
            EndReason = s.EndReason,
            EndReasonText = s.EndReasonText,
            Timeline = s.Timeline.Select(e => e with { At = L(e.At)!.Value }).ToList(),
            Milestones = s.Milestones.Select(m => new MilestoneView
            {
                Id = m.Id,
                Type = m.Type,
                DueDate = m.DueDate,
                Outcome = m.Outcome?.ToString().ToLowerInvariant(),
                Answers = m.Answers,
                Sms = new SmsView { SentAt = L(m.Sms.SentAt), AnsweredAt = L(m.Sms.AnsweredAt), ScheduledAt = L(m.Sms.ScheduledAt) },
                Call = new CallView
                {
                    DueAt = m.Call.DueAt is { } d ? L(calendar.NextOpenAt(d) ?? d) : null,
                    Urgent = m.Call.Urgent,
                    CallbackAt = L(m.Call.CallbackAt),
                    ClaimedCallId = m.Call.Claim?.CallId,
                    CallStartedAt = L(m.Call.Claim?.StartedAt),
                    Attempts = m.Call.Attempts.Select(a => new CallAttemptView(L(a.StartedAt), L(a.EndedAt)!.Value, a.Outcome, a.DurationSeconds,
                        a.OperatorId)).ToList(),
                },
            }).ToList(),
        };
    }

    public static PersonRow Row(PersonState s, DateTimeOffset? nextWake) => new(
        s.Id, s.ExternalId, s.Kind == PersonKind.Case ? "case" : "contact", s.FirstName, s.LastName, s.Phone, s.BirthDate,
        s.Department, s.InclusionDate, s.SociallyVulnerable, StatusName(s), nextWake);

    public static IReadOnlyList<DueCall> DueCalls(PersonState s) => s.Status == PersonStatus.Ended ? [] :
        s.OpenMilestones.Where(m => m.Call.DueAt is not null)
            .Select(m => new DueCall(s.Id, m.Id, m.Type, m.Call.DueAt!.Value, m.Call.Urgent, s.SociallyVulnerable, s.Department,
                m.Call.Claim?.OperatorId, m.Call.Claim?.LeaseUntil, Retry: IsRetry(m),
                WindowStart: Window(s)?.From, WindowEnd: Window(s)?.To))
            .ToList();

    /// <summary>The status as the API, the index and the search show it.</summary>
    private static string StatusName(PersonState s) => s.Status == PersonStatus.Active ? "active" : "ended";

    private static (TimeOnly From, TimeOnly To)? Window(PersonState s) =>
        CallWindows.TryParse(s.CallWindow, out var from, out var to, out _) ? (from, to) : null;

    /// <summary>The due call is the retry of an unanswered call (a callback request is not a retry).</summary>
    public static bool IsRetry(Milestone m) => m.Call.FailedAttempts > 0 && m.Call.DueAt != m.Call.CallbackAt;
}
