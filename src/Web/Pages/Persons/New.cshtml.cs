using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Persons;

/// <summary>Manual inclusion: the same validation as the API and the import.</summary>
public sealed class NewModel(IClusterClient cluster, PlatformClock clock) : PageModel
{
    [BindProperty] public PersonForm Form { get; set; } = new();
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public sealed class PersonForm
    {
        public string? ExternalId { get; set; }
        public string? Kind { get; set; } = "contact";
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Phone { get; set; }
        public string? BirthDate { get; set; }
        public string? Department { get; set; }
        public string? InclusionDate { get; set; }
        public bool SociallyVulnerable { get; set; }
        public string? Language { get; set; } = "fr";
        public string? IsolationStartDate { get; set; }
        public string? LastContactDate { get; set; }
    }

    public async Task OnGetAsync() => Form.InclusionDate = (await clock.TodayAsync()).ToString("yyyy-MM-dd");

    public async Task<IActionResult> OnPostAsync()
    {
        var f = Form;
        var (request, errors) = Inclusion.Validate(new PersonInput(f.ExternalId, f.Kind, f.FirstName, f.LastName, f.Phone, f.BirthDate, f.Department,
            f.InclusionDate, f.SociallyVulnerable, f.Language, f.IsolationStartDate, f.LastContactDate), Actors.Staff(User.Identity!.Name!),
                await clock.TodayAsync());
        if (request is null) { Errors = errors; Response.StatusCode = 400; return Page(); }
        var result = await cluster.GetGrain<IPersonGrain>(PersonIds.FromExternalId(request.ExternalId)).Include(request);
        return RedirectToPage("Detail", new { id = result.Id });
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;
}
