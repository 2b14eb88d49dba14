using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Account;

/// <summary>"Mon compte": the second factor, password change and the recent sign-ins of the account.</summary>
public sealed class IndexModel(StaffAccounts accounts, SecondFactors factors) : PageModel
{
    public SecondFactorStatus Factor { get; private set; } = new(false, 0);
    public IReadOnlyList<SignInRecord> SignIns { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public bool Changed { get; set; }

    public async Task OnGetAsync()
    {
        SignIns = await accounts.RecentSignInsAsync(User.Identity!.Name!);
        Factor = await factors.StatusAsync(User.Identity!.Name!);
    }
}
