using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Account;

/// <summary>The user's own password change; required at first sign-in and after an Admin reset.</summary>
public sealed class PasswordModel(StaffAccounts accounts, StaffUsers users, StaffSessions sessions, SecondFactors factors) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool FirstSignIn => User.Pending() == SignInCompletion.Renewal;
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? current, string? @new, string? confirm)
    {
        var name = User.Identity!.Name!;
        if (@new != confirm) Error = SecurityTexts.Get("Err_PasswordConfirm");
        else Error = await accounts.ChangeOwnPasswordAsync(name, current ?? "", @new ?? "");
        if (Error is not null) return Page();
        // The change ended every session of the account, this one included: open a new one.
        var user = (await users.FindAsync(name))!;
        return await LoginModel.OpenSessionAsync(HttpContext, user, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Account?changed=1", accounts,
            sessions, factors);
    }
}
