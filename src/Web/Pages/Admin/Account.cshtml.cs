using System.Security.Cryptography;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

/// <summary>Admin › Comptes › one account: display name, role, departments, disable/enable, password and factor reset. Each change ends the account's
/// sessions.</summary>
public sealed class AccountModel(StaffUsers users, StaffAccounts accounts, FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    public StaffUser? Account { get; private set; }
    public AccountState? State { get; private set; }
    public string? Message { get; private set; }
    public string? NewPassword { get; private set; }
    public List<string> Errors { get; } = [];

    private bool Self => string.Equals(UserName, User.Identity?.Name, StringComparison.Ordinal);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync(string? displayName, string? role, string? departments)
    {
        var deps = StaffUsers.ParseDepartments(departments);
        var errors = StaffUsers.Validate(UserName, displayName, role, "unchecked-password-placeholder", deps);
        errors.Remove("password");
        if (displayName?.Length > 100) errors["displayName"] = [SecurityTexts.Get("Err_TooLong", 100)];
        if (Self && role != Roles.Admin) errors["role"] = [SecurityTexts.Get("Err_OwnRole")];
        if (errors.Count > 0) Errors.AddRange(errors.Select(e => string.Join(", ", e.Value)));
        else if (await accounts.UpdateAsync(UserName!, displayName!.Trim(), role!, deps)) Message = SecurityTexts.Get("AccountSaved");
        return await LoadAsync() ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostDisableAsync() => Act(() => accounts.SetDisabledAsync(UserName!, true), "AccountDisabled", refuseSelf: true);
    public Task<IActionResult> OnPostEnableAsync() => Act(() => accounts.SetDisabledAsync(UserName!, false), "AccountEnabled");
    public Task<IActionResult> OnPostResetTwoFactorAsync() => Act(async () =>
    {
        var ok = await accounts.ResetTwoFactorAsync(UserName!);
        if (ok) await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.SecondFactorReset, "account", UserName);
        return ok;
    }, "TwoFactorReset");

    public Task<IActionResult> OnPostResetPasswordAsync()
    {
        // A generated initial password, shown once; the user must change it at the next sign-in.
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
        return Act(async () => { var ok = await accounts.ResetPasswordAsync(UserName!, password); if (ok) NewPassword = password; return ok; },
            "PasswordReset");
    }

    private async Task<IActionResult> Act(Func<Task<bool>> change, string message, bool refuseSelf = false)
    {
        if (refuseSelf && Self) Errors.Add(SecurityTexts.Get("Err_OwnAccount"));
        else if (await change()) Message = SecurityTexts.Get(message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (string.IsNullOrEmpty(UserName) || await users.FindAsync(UserName) is not { } account) return false;
        Account = account;
        State = (await accounts.StatesAsync())[UserName];
        return true;
    }
}
