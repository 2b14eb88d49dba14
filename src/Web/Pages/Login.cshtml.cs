using System.Diagnostics;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages;

public sealed class LoginModel(StaffAccounts accounts, StaffSessions sessions, SecurityOptions options,
    FollowUp.Web.Application.Privacy.AccessJournal journal, SecondFactors factors, TwoFactorSignIn twoFactorSignIn) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        // Unknown user, wrong password, locked or disabled account: the same answer, after the same minimum time.
        var clock = Stopwatch.StartNew();
        var user = string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password) || Password.Length > 256 ? null
            : await accounts.CheckPasswordAsync(UserName.Trim(), Password, HttpContext.Connection.RemoteIpAddress?.ToString());
        if (clock.Elapsed < options.LoginMinDuration) await Task.Delay(options.LoginMinDuration - clock.Elapsed);
        if (user is null)
        {
            Failed = true;
            await journal.SignIn(HttpContext, UserName, null, success: false);
            return Page();
        }
        await journal.SignIn(HttpContext, user.UserName, user.Role, success: true);
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        if ((await factors.StatusAsync(user.UserName)).Enabled)
        {
            // No session until the second factor's code is right.
            twoFactorSignIn.Begin(HttpContext, user.UserName, returnUrl);
            return LocalRedirect(TwoFactorSignIn.PagePath);
        }
        return await OpenSessionAsync(HttpContext, user, returnUrl, accounts, sessions, factors);
    }

    /// <summary>
    /// Opens the session once the password (and the factor, if any) is right: limited to the password change when it
    /// is due, then to the factor's enrolment when the role requires a factor the account does not have yet.
    /// </summary>
    public static async Task<IActionResult> OpenSessionAsync(HttpContext http, StaffUser user, string returnUrl,
        StaffAccounts accounts, StaffSessions sessions, SecondFactors factors)
    {
        string? pending = null;
        if (await accounts.MustChangePasswordAsync(user.UserName)) pending = SignInCompletion.Renewal;
        else if (factors.IsRequired(user.Role) && !(await factors.StatusAsync(user.UserName)).Enabled) pending = SignInCompletion.Enrol;
        await sessions.SignInAsync(http, user, pending);
        return new LocalRedirectResult(pending is null ? returnUrl
            : SignInCompletion.PagePath(pending) + "?returnUrl=" + Uri.EscapeDataString(returnUrl));
    }
}
