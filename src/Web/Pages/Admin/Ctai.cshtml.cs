using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

/// <summary>CTAI directory per department (shown on the call screen when an operator refers a person).</summary>
public sealed class CtaiModel(CtaiDirectory directory, FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
{
    public IReadOnlyList<CtaiContact> Contacts { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Contacts = await directory.ListAsync();

    public async Task<IActionResult> OnPostAsync(string department, string name, string phone, string? email, string? notes)
    {
        if (string.IsNullOrWhiteSpace(department) || string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(phone))
        {
            Error = Texts.Get("Err_CtaiRequired");
            Contacts = await directory.ListAsync();
            return Page();
        }
        if (notes?.Trim().Length > FreeText.Note)
        {
            Error = $"{Texts.Get("Notes")} : {SecurityTexts.Get("Err_TooLong", FreeText.Note)}";
            Contacts = await directory.ListAsync();
            Response.StatusCode = 400;
            return Page();
        }
        await directory.SaveAsync(new CtaiContact(department.Trim(), name.Trim(), phone.Trim(), email?.Trim() ?? "", notes?.Trim() ?? ""));
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.CtaiChanged, "ctai", department.Trim());
        return RedirectToPage();
    }
}
