using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Persons;

/// <summary>The person's record (Supervisor/Admin): identity, milestones, timeline, CTAI; corrections and end of follow-up.</summary>
public sealed class DetailModel(IClusterClient cluster, CtaiDirectory ctai, AccessJournal journal, AccessLog log,
    FollowUp.Web.Application.Security.DepartmentAccess access) : PageModel
{
    public static readonly EndReason[] EndReasons = [EndReason.Hospitalised, EndReason.Deceased, EndReason.Moved, EndReason.Other];
    public PersonView? Person { get; private set; }
    public CtaiContact? Ctai { get; private set; }
    public string? Error { get; private set; }
    /// <summary>"Consultations de ce dossier": who opened it and when.</summary>
    public IReadOnlyList<AccessLog.Item> Consultations { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    private string Actor => Actors.Staff(User.Identity!.Name!);

    public async Task OnGetAsync(Guid? id, string? externalId, string? via)
    {
        var key = id ?? (string.IsNullOrWhiteSpace(externalId) ? null : PersonIds.FromExternalId(externalId));
        if (key is not { } k) return;
        // Journaled while the record loads; nothing is shown before the entry is committed.
        var journaled = journal.Record(HttpContext, via == "search" ? AccessActions.SearchResultOpened : AccessActions.RecordRead, "person",
            k.ToString());
        await LoadAsync(k);
        if (Person is not null) Consultations = await log.ConsultationsAsync(k);
        await journaled;
    }

    /// <summary>Every handler: a Supervisor limited to departments gets 403 for a person of another department.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var args = context.HandlerArguments;
        var key = args.TryGetValue("id", out var id) && id is Guid g ? g
            : args.TryGetValue("externalId", out var e) && e is string s && !string.IsNullOrWhiteSpace(s) ? PersonIds.FromExternalId(s) : (Guid?)null;
        if (key is { } k && await cluster.GetGrain<IPersonGrain>(k).Get() is { } person
            && !await access.MaySeeDepartmentAsync(User, person.Department))
        {
            context.Result = StatusCode(403);
            return;
        }
        await next();
    }

    private async Task LoadAsync(Guid id)
    {
        Person = await cluster.GetGrain<IPersonGrain>(id).Get();
        if (Person is not null) Ctai = await ctai.FindAsync(Person.Department);
    }

    public async Task<IActionResult> OnPostPhoneAsync(Guid id, string? phone)
    {
        var (e164, mobile, error) = Inclusion.ParsePhone(phone);
        if (error is not null) { await LoadAsync(id); Error = $"{Texts.Get("Phone")} : {error}"; Response.StatusCode = 400; return Page(); }
        await cluster.GetGrain<IPersonGrain>(id).CorrectPhone(e164!, mobile, Actor);
        await journal.Record(HttpContext, AccessActions.PersonChanged, "person", id.ToString(), "phoneCorrected");
        Done = "PhoneSaved";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostVulnerableAsync(Guid id, bool vulnerable)
    {
        await cluster.GetGrain<IPersonGrain>(id).SetSociallyVulnerable(vulnerable, Actor);
        await journal.Record(HttpContext, AccessActions.PersonChanged, "person", id.ToString(), "sociallyVulnerable");
        Done = "Saved";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLastContactAsync(Guid id, string? lastContactDate)
    {
        DateOnly? date = null;
        var person = await cluster.GetGrain<IPersonGrain>(id).Get();
        if (person is null) return NotFound();
        if (!string.IsNullOrWhiteSpace(lastContactDate))
        {
            string? error = !Inclusion.TryDate(lastContactDate, out var d) ? Texts.Get("Err_Date")
                : d > person.InclusionDate ? Texts.Get("Err_LastContactAfterInclusion") : null;
            if (error is not null)
            {
                await LoadAsync(id);
                Error = $"{Texts.Get("LastContactDate")} : {error}";
                Response.StatusCode = 400;
                return Page();
            }
            date = d;
        }
        await cluster.GetGrain<IPersonGrain>(id).SetLastContactDate(date, Actor);
        Done = "Saved";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCallWindowAsync(Guid id, string? callWindow)
    {
        if (!string.IsNullOrWhiteSpace(callWindow) && !CallWindows.TryParse(callWindow, out _, out _, out _))
        {
            await LoadAsync(id);
            Error = $"{Texts.Get("PreferredCallWindow")} : {Texts.Get("Err_CallWindow", callWindow)}";
            Response.StatusCode = 400;
            return Page();
        }
        await cluster.GetGrain<IPersonGrain>(id).SetCallWindow(string.IsNullOrWhiteSpace(callWindow) ? null : callWindow, Actor);
        Done = "Saved";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, EndReason? reason, string? text)
    {
        if (reason is not { } r
            || !EndReasons.Contains(r)) { await LoadAsync(id); Error = Texts.Get("Err_ChooseEndReason"); Response.StatusCode = 400; return Page(); }
        await cluster.GetGrain<IPersonGrain>(id).End(r, string.IsNullOrWhiteSpace(text) ? null : text.Trim(), Actor);
        await journal.Record(HttpContext, AccessActions.PersonChanged, "person", id.ToString(), "followUpEnded");
        Done = "FollowUpEnded";
        return RedirectToPage(new { id });
    }

    public string Local(DateTimeOffset? at) => at is { } v ? PlatformClock.ToLocal(v).ToString("dd/MM/yyyy HH:mm") : "—";
}
