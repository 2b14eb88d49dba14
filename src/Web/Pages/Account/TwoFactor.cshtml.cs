using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Account;

/// <summary>
/// Enrolment of the TOTP second factor: the QR code and the base32 secret for manual entry, a code to confirm, then the
/// 10 recovery codes, shown once. Required at sign-in for the roles of FollowUp:Security:RequireTwoFactorFor; anyone
/// may enrol from "Mon compte". The secret travels in the form protected by Data Protection until it is confirmed.
/// </summary>
public sealed class TwoFactorModel(SecondFactors factors, StaffUsers users, StaffAccounts accounts, StaffSessions sessions,
    AccessJournal journal, IDataProtectionProvider dataProtection) : PageModel
{
    private static readonly TimeSpan EnrolmentLifetime = TimeSpan.FromMinutes(30);

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public SecondFactorStatus Status { get; private set; } = new(false, 0);
    public bool Required => User.Pending() == SignInCompletion.Enrol;
    public string Secret { get; private set; } = "";
    public string ProtectedSecret { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public string[]? RecoveryCodes { get; private set; }
    public bool Failed { get; private set; }
    public string Continue => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Account";

    private ITimeLimitedDataProtector Protector => dataProtection.CreateProtector("FollowUp.TotpEnrolment").ToTimeLimitedDataProtector();
    private string Name => User.Identity!.Name!;

    public async Task OnGetAsync()
    {
        Status = await factors.StatusAsync(Name);
        if (!Status.Enabled) Show(SecondFactors.NewSecret());
    }

    public async Task<IActionResult> OnPostAsync(string? protectedSecret, string? code)
    {
        Status = await factors.StatusAsync(Name);
        if (Status.Enabled) return Page();
        string secret;
        try { secret = Protector.Unprotect(protectedSecret ?? ""); }
        catch (System.Security.Cryptography.CryptographicException) { return RedirectToPage(new { ReturnUrl }); } // expired: start again
        RecoveryCodes = await factors.EnrolAsync(Name, secret, code);
        if (RecoveryCodes is null)
        {
            Failed = true;
            Show(secret);
            return Page();
        }
        await journal.Record(HttpContext, AccessActions.SecondFactorEnrolled, "account", Name);
        // Enrolment renewed the security stamp, which ended every session of the account, this one included: open a new one.
        var user = (await users.FindAsync(Name))!;
        await sessions.SignInAsync(HttpContext, user, await accounts.MustChangePasswordAsync(Name) ? SignInCompletion.Renewal : null);
        Status = await factors.StatusAsync(Name);
        return Page();
    }

    private void Show(string secret)
    {
        Secret = secret;
        ProtectedSecret = Protector.Protect(secret, EnrolmentLifetime);
        QrCode = SecondFactors.QrCodeDataUri(Name, secret);
    }
}
