using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Pages.Admin;

public sealed class UsersModel(StaffUsers users, IStringLocalizer<SharedResource> t, FollowUp.Web.Application.Privacy.AccessJournal journal)
    : PageModel
{
    public IReadOnlyList<StaffUser> Users { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public bool Created { get; private set; }

    public async Task OnGetAsync() => Users = await users.ListAsync();

    public async Task OnPostAsync(string? userName, string? displayName, string? role, string? password, string? departments)
    {
        var deps = StaffUsers.ParseDepartments(departments);
        var errors = StaffUsers.Validate(userName, displayName, role, password, deps);
        Errors.AddRange(errors.Select(e => $"{t["Field_" + e.Key]} : {string.Join(", ", e.Value)}"));
        if (errors.Count == 0)
        {
            Created = await users.CreateAsync(userName!, displayName!, role!, password!, deps);
            if (!Created) Errors.Add(t["UserExists"]);
            else await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.AccountCreated, "account", userName, role);
        }
        Users = await users.ListAsync();
    }
}
