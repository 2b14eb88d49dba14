using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Q;

/// <summary>The public questionnaire behind the SMS link: no login, no JavaScript needed, in the person's language (fr, en, ar, es, pt, tr; ?lang=
/// switches).</summary>
public sealed class IndexModel(Questionnaires questionnaires) : PageModel
{
    public enum View { Unknown, Form, Closed, Thanks }

    public View State { get; private set; }
    public QuestionnaireLink? Link { get; private set; }
    public IReadOnlyList<Question> Questions { get; private set; } = [];
    public List<string> Missing { get; private set; } = [];
    public string Language { get; private set; } = "fr";

    public async Task<IActionResult> OnGetAsync(string token, string? lang)
    {
        await LoadAsync(token, lang);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? lang)
    {
        await LoadAsync(token, lang);
        if (State != View.Form) return Page();
        var (answers, missing) = Questionnaires.Read(Link!.Milestone, Request.Form);
        if (answers is null) { Missing = missing; Response.StatusCode = 400; return Page(); }
        State = await questionnaires.SubmitAsync(Link, answers) ? View.Thanks : View.Closed;
        return Page();
    }

    public string Value(string key) => Request.HasFormContentType ? Request.Form[key].ToString() : "";

    private async Task LoadAsync(string token, string? lang)
    {
        Link = await questionnaires.FindAsync(token);
        Language = QuestionnaireResource.Languages.Contains(lang) ? lang!
            : QuestionnaireResource.Languages.Contains(Link?.Language) ? Link!.Language
            : "fr";
        if (Link is null) { State = View.Unknown; Response.StatusCode = 404; return; }
        State = Link.Open ? View.Form : View.Closed;
        Questions = Questionnaires.For(Link.Milestone);
    }
}
