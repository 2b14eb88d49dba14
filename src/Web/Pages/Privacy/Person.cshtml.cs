using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Privacy;

/// <summary>Admin, rights of the person: export of all of its data (readable page and JSON) and erasure on request with a reason; both
/// journaled.</summary>
public sealed class PersonModel(IClusterClient cluster, AccessJournal journal, AccessLog log) : PageModel
{
    public PersonView? Person { get; private set; }
    public IReadOnlyList<AccessLog.Item> Consultations { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Erased { get; private set; }

    /// <summary>Everything the platform holds about the person: the record (identity, milestones, answers, calls, timeline) and who consulted
    /// it.</summary>
    public sealed record Export(PersonView Person, IReadOnlyList<AccessLog.Item> Consultations);

    private async Task LoadAsync(Guid id, string how)
    {
        var journaled = journal.Record(HttpContext, AccessActions.PersonExported, "person", id.ToString(), how);
        Person = await cluster.GetGrain<IPersonGrain>(id).Get();
        Consultations = Person is null ? [] : await log.ConsultationsAsync(id, 10_000);
        await journaled;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, bool erased = false)
    {
        Erased = erased;
        await LoadAsync(id, "html");
        return Person is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetJsonAsync(Guid id)
    {
        await LoadAsync(id, "json");
        if (Person is null) return NotFound();
        var options = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
        WebHosting.ConfigureJson(options);
        return File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Export(Person, Consultations), options), "application/json",
            $"personne-{id:N}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(Guid id, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            await LoadAsync(id, "html");
            Error = PrivacyTexts.Get("Err_EraseReason");
            Response.StatusCode = 400;
            return Person is null ? NotFound() : Page();
        }
        // Journaled first: an erasure is never done without its trace (the reason is the request's, e.g. "courrier du 12/01").
        await journal.Record(HttpContext, AccessActions.PersonErased, "person", id.ToString(), reason.Trim());
        await cluster.GetGrain<IPersonGrain>(id).Erase(Actors.Staff(User.Identity!.Name!), onRequest: true);
        return RedirectToPage(new { id, erased = true });
    }

    public static string Local(DateTimeOffset? at) => at is { } v ? PlatformClock.ToLocal(v).ToString("dd/MM/yyyy HH:mm") : "—";
}
