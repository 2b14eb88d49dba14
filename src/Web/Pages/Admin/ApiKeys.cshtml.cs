using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

/// <summary>Admin › Clés d'API: named keys with scopes, shown once at creation, revocable.</summary>
public sealed class ApiKeysModel(ApiKeys keys) : PageModel
{
    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? NewKey { get; private set; }
    public string? NewKeyName { get; private set; }

    public async Task OnGetAsync() => Keys = await keys.ListAsync();

    public async Task OnPostAsync(string? name, string[]? scopes, DateOnly? expiresAt)
    {
        // A date is valid until the end of that day in Paris.
        DateTimeOffset? expiry = expiresAt is { } d
            ? new DateTimeOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue), Zones.Paris.GetUtcOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue)))
            : null;
        var errors = ApiKeys.Validate(name, scopes, expiry, DateTimeOffset.UtcNow);
        Errors.AddRange(errors.Select(e => $"{SecurityTexts.Get("Field_" + e.Key)} : {string.Join(", ", e.Value)}"));
        if (errors.Count == 0)
        {
            if (await keys.CreateAsync(name!, scopes!, expiry, FollowUp.Actors.Staff(User.Identity!.Name!)) is { } created)
            {
                NewKey = created.Key;
                NewKeyName = created.Info.Name;
            }
            else Errors.Add(SecurityTexts.Get("Err_KeyNameTaken", name!));
        }
        Keys = await keys.ListAsync();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        await keys.RevokeAsync(id);
        return RedirectToPage();
    }
}
