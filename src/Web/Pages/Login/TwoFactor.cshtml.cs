using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Login;

/// <summary>The second step of the sign-in of an account with a second factor: a TOTP code or a recovery code; the session opens only then.</summary>
[AllowAnonymous] // between the password and the code there is no session yet
public sealed class TwoFactorModel(TwoFactorSignIn signIn, SecondFactors factors, StaffUsers users, StaffAccounts accounts, StaffSessions sessions,
    AccessJournal journal) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    public bool Failed { get; private set; }

    public IActionResult OnGet() => signIn.Current(HttpContext) is null ? LocalRedirect("/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (signIn.Current(HttpContext) is not var (userName, returnUrl) || await users.FindAsync(userName) is not { } user)
            return LocalRedirect("/Login");
        var check = await factors.VerifyAsync(userName, Code);
        var action = check switch
        {
            SecondFactorCheck.Totp => AccessActions.SecondFactor,
            SecondFactorCheck.RecoveryCode => AccessActions.RecoveryCodeUsed,
            _ => AccessActions.SecondFactorFailed,
        };
        await journal.Record(user.UserName, user.Role, action, "account", null, null, "UI", HttpContext);
        if (check is SecondFactorCheck.Failed or SecondFactorCheck.Refused)
        {
            Failed = true;
            return Page();
        }
        signIn.End(HttpContext);
        return await LoginModel.OpenSessionAsync(HttpContext, user, Url.IsLocalUrl(returnUrl) ? returnUrl : "/", accounts, sessions, factors);
    }
}
