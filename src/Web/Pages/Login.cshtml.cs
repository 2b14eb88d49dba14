using System.Diagnostics;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages;

public sealed class LoginModel(StaffAccounts accounts, StaffSessions sessions, SecurityOptions options,
    FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
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
        if (await accounts.MustChangePasswordAsync(user.UserName))
        {
            await sessions.SignInAsync(HttpContext, user, pending: SignInCompletion.Password);
            return LocalRedirect("/Account/Password?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }
        await sessions.SignInAsync(HttpContext, user, pending: null);
        return LocalRedirect(returnUrl);
    }
}
