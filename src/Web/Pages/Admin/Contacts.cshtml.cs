using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

/// <summary>Useful contacts per department (SAMU – Centre 15, équipes mobiles, laboratoires, médecins), shown on the call screen.</summary>
public sealed class ContactsModel(UsefulContacts directory) : PageModel
{
    public IReadOnlyList<UsefulContact> Contacts { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];

    public async Task OnGetAsync() => Contacts = await directory.ListAsync();

    public async Task<IActionResult> OnPostAsync(string? department, string? category, string? name, string? phone, string? email, string? notes)
    {
        var dep = department?.Trim().ToUpperInvariant() ?? "";
        if (!Inclusion.IsDepartment(dep)) Errors["department"] = Texts.Get("Err_Department");
        if (category is null || !UsefulContacts.Categories.Contains(category)) Errors["category"] = Texts.Get("Err_NotOneOf", category ?? "",
            string.Join(", ", UsefulContacts.Categories));
        if (string.IsNullOrWhiteSpace(name)) Errors["name"] = Texts.Get("Err_Required");
        if (string.IsNullOrWhiteSpace(phone)) Errors["phone"] = Texts.Get("Err_Required");
        if (notes?.Trim().Length > FreeText.Note) Errors["notes"] = SecurityTexts.Get("Err_TooLong", FreeText.Note);
        if (Errors.Count > 0)
        {
            Contacts = await directory.ListAsync();
            Response.StatusCode = 400;
            return Page();
        }
        await directory.AddAsync(new UsefulContact(0, dep, category!, name!.Trim(), phone!.Trim(), email?.Trim() ?? "", notes?.Trim() ?? ""));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        await directory.DeleteAsync(id);
        return RedirectToPage();
    }
}
