using System.Security.Claims;
using FollowUp.Web.Application;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages;

public sealed class LoginModel(StaffUsers users, FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserName is null || Password is null ? null : await users.CheckPasswordAsync(UserName.Trim(), Password);
        if (user is null)
        {
            Failed = true;
            await journal.SignIn(HttpContext, UserName, null, success: false);
            return Page();
        }
        var identity = new ClaimsIdentity([
            new Claim(ClaimTypes.Name, user.UserName),
            new Claim("display_name", user.DisplayName),
            new Claim(ClaimTypes.Role, user.Role),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        await journal.SignIn(HttpContext, user.UserName, user.Role, success: true);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
