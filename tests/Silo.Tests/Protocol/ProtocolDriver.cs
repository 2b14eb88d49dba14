using FollowUp.Silo.Protocol;

namespace FollowUp.Tests.Protocol;

/// <summary>Drives the pure protocol like the grain does: wake at each due instant, the gateway accepting every SMS at once.</summary>
public sealed class ProtocolDriver
{
    public static readonly TimeZoneInfo Paris = Zones.Paris;
    public PersonState State { get; } = new();
    public ProtocolSettings Settings { get; }
    public DateTimeOffset Now { get; private set; }
    public List<string> SentSms { get; } = [];
    public OpeningHours Hours { get; set; } = OpeningHours.Default;
    public PlatformCalendar Calendar => new(Hours, Paris);

    public ProtocolDriver(PersonKind kind, DateOnly inclusion, bool vulnerable = false, bool mobile = true, ProtocolSettings? settings = null,
        DateOnly? isolationStart = null, DateOnly? lastContact = null)
    {
        Settings = settings ?? ProtocolSettings.Default;
        Now = At(inclusion, 10, 0);
        var request = Inclusions.Contact("ext-1", inclusion) with
        {
            Kind = kind,
            SociallyVulnerable = vulnerable,
            PhoneIsMobile = mobile,
            IsolationStartDate = isolationStart,
            LastContactDate = lastContact,
        };
        FollowUpProtocol.Include(State, request, Guid.NewGuid(), Now, Settings);
        Wake();
    }

    public static DateOnly D(string iso) => DateOnly.Parse(iso);

    public void Wake()
    {
        foreach (var sms in FollowUpProtocol.Wake(State, Now, Settings))
        {
            SentSms.Add(sms.MessageId);
            FollowUpProtocol.SmsSent(State, sms.MilestoneId, Now);
        }
    }

    /// <summary>Moves time forward to <paramref name="to"/>, waking at every due instant on the way.</summary>
    public void RunUntil(DateTimeOffset to)
    {
        while (FollowUpProtocol.NextWake(State, Now, Settings) is { } next && next <= to)
        {
            if (next > Now) Now = next;
            Wake();
        }
        if (to > Now) Now = to;
        Wake();
    }

    public Milestone M(string id) => State.FindMilestone(id) ?? throw new InvalidOperationException($"no milestone {id}");

    public DateTimeOffset? EffectiveDue(string id) => M(id).Call.DueAt is { } d ? Calendar.NextOpenAt(d) : null;

    public string Claim(string op = "op1")
    {
        var callId = $"{State.Id:N}-{Guid.NewGuid():N}";
        Assert.NotNull(FollowUpProtocol.Claim(State, callId, op, Now, TimeSpan.FromMinutes(20)));
        return callId;
    }

    public CallActionResult Outcome(CallOutcome outcome, Answers? answers = null, string? reason = null, DateTimeOffset? callbackAt = null,
        string op = "op1")
    {
        var id = Claim(op);
        FollowUpProtocol.Start(State, id, op, Now);
        Now = Now.AddMinutes(5);
        var r = FollowUpProtocol.RecordOutcome(State, id, op, new OutcomeRequest(outcome, reason, answers ?? Answers.Empty, callbackAt), Now,
            Settings, Calendar);
        Wake();
        return r;
    }

    public void Answer(string milestoneId, Answers answers)
    {
        Assert.True(FollowUpProtocol.QuestionnaireAnswered(State, milestoneId, answers, Now, Settings));
        Wake();
    }

    public bool Has(string evt) => State.Timeline.Any(e => e.Event == evt);
}
