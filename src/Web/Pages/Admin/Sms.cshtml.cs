using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

/// <summary>Development only: the SMS the fake operator received, so a demo user can open the link as a phone would.</summary>
public sealed class SmsModel(SmsInbox inbox) : PageModel
{
    public bool Available => inbox.Available;
    public IReadOnlyList<ReceivedSms> Messages { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (inbox.Available) Messages = (await inbox.ListAsync(null)).OrderByDescending(m => m.AcceptedAt).Take(200).ToList();
    }
}
