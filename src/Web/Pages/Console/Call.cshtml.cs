using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Console;

/// <summary>The call screen: person, script, capture fields, timer, outcome. Everything typed is kept with the claim.</summary>
public sealed class CallModel(IClusterClient cluster, CallScripts scripts, CtaiDirectory ctai, CallOutcomes outcomes, PlatformClock clock,
    FollowUp.Web.Application.Privacy.AccessJournal journal, UsefulContacts contacts) : PageModel
{
    public ClaimedCall Call { get; private set; } = null!;
    public PersonView Person { get; private set; } = null!;
    public CallScript? Script { get; private set; }
    public CtaiContact? Ctai { get; private set; }
    /// <summary>The useful contacts of the person's department (Admin › Contacts utiles).</summary>
    public IReadOnlyList<UsefulContact> Contacts { get; private set; } = [];
    public Dictionary<string, string> Values { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public int? Age { get; private set; }

    private string OperatorId => User.Identity!.Name!;
    private IOperatorGrain Operator => cluster.GetGrain<IOperatorGrain>(OperatorId);

    public static readonly string[] AnswerKeys = ["consent", "rulesReminded", "difficulty", "sociallyVulnerable", "compliance", "testResult",
        "symptoms", "isolationEnded", "isolationProlongedUntil", "supportNeeded", "preferredCallWindow", "mobileTeamNeeded"];

    private async Task<bool> LoadAsync(string callId)
    {
        var view = await Operator.Get();
        if (view.CurrentCall?.CallId != callId) return false;
        Call = view.CurrentCall;
        Person = (await cluster.GetGrain<IPersonGrain>(Call.PersonId).Get())!;
        Script = await scripts.FindAsync(Call.ScriptId);
        Ctai = await ctai.FindAsync(Person.Department);
        Contacts = await contacts.ForDepartmentAsync(Person.Department);
        StartedAt = Person.Milestones.FirstOrDefault(m => m.Call.ClaimedCallId == callId)?.Call.CallStartedAt;
        if (Person.BirthDate is { } birth) Age = AgeOn(birth, await clock.TodayAsync());
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string callId)
    {
        if (!await LoadAsync(callId)) return RedirectToPage("Index");
        var journaled = journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.CallScreenRead, "person",
            Call.PersonId.ToString(), callId);
        Values = await Operator.GetDraft(callId);
        await journaled;
        return Page();
    }

    public async Task<IActionResult> OnGetTimelineAsync(string callId)
    {
        if (!await LoadAsync(callId)) return new EmptyResult();
        return Partial("_Timeline", Person);
    }

    public async Task<IActionResult> OnPostStartAsync(string callId)
    {
        if (!await LoadAsync(callId)) return RedirectToPage("Index");
        var r = await outcomes.StartAsync(callId, OperatorId);
        if (r.Status != CallActionStatus.Ok) { Problem = r.Message; return Page(); }
        return RedirectToPage(new { callId });
    }

    public async Task<IActionResult> OnPostDraftAsync(string callId)
    {
        var fields = Request.Form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString());
        await Operator.SaveDraft(callId, fields);
        return new NoContentResult();
    }

    public async Task<IActionResult> OnPostOutcomeAsync(string callId, string? outcome, string? reason, string? reasonText, string? callbackAt)
    {
        if (!await LoadAsync(callId)) return RedirectToPage("Index");
        Values = Request.Form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString());
        var fullReason = string.IsNullOrWhiteSpace(reasonText) ? reason : $"{reason}: {reasonText.Trim()}";
        var cb = string.IsNullOrWhiteSpace(callbackAt) ? null : ParisLocal(callbackAt);
        // The preferred call window: a preset, or a time range typed next to it (the range wins).
        string Field(string k) => k == "preferredCallWindow"
            && Request.Form["preferredCallWindowRange"].ToString() is { Length: > 0 } range ? range : Request.Form[k].ToString();
        var answers = outcome == "reached" ? AnswerKeys.Select(k => new KeyValuePair<string, string?>(k, Field(k))) : [];
        var (request, errors) = CallOutcomes.Read(outcome, string.IsNullOrWhiteSpace(reason) ? null : fullReason, cb, answers);
        if (request is null) { Errors = errors; Response.StatusCode = 400; return Page(); }
        // The form's own id: the same form sent twice (a double submit, a resend after a lost answer) records once and answers the same.
        if (Request.Form["requestId"].ToString() is { Length: > 0 and <= CallOutcomes.IdempotencyKeyMaxLength } formId)
            request = request with { RequestId = CallOutcomes.RequestIdOf("operator:" + OperatorId, formId) };
        var r = await outcomes.RecordAsync(callId, OperatorId, request);
        if (r.Status != CallActionStatus.Ok)
        {
            Problem = r.Message; Response.StatusCode = r.Status == CallActionStatus.Invalid ? 400
            : 409; return Page();
        }
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.CallOutcome, "person", Call.PersonId.ToString(), outcome);
        TempData["Done"] = outcome;
        return RedirectToPage("Index");
    }

    /// <summary>datetime-local values are Paris time.</summary>
    private static string? ParisLocal(string local)
    {
        if (!DateTime.TryParse(local, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None,
            out var dt)) return local;
        return PlatformClock.FromLocal(dt).ToString("O");
    }

    public string V(string key) => Values.TryGetValue(key, out var v) ? v : "";

    /// <summary>Age in whole years on the platform's today (virtual in simulation).</summary>
    public static int AgeOn(DateOnly birth, DateOnly today) => today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);
}
