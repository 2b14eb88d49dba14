using FollowUp.Web.Application.Privacy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Privacy;

/// <summary>The full privacy notice (public, linked from the questionnaire): controller, DPO, purpose, retention, rights.</summary>
public sealed class NoticeModel(PrivacyOptions options) : PageModel
{
    public PrivacyOptions Options => options;
    public string Language { get; private set; } = "fr";

    public void OnGet(string? lang) => Language = lang == "en" ? "en" : "fr";
}
