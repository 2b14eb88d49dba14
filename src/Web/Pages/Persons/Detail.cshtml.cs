using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Persons;

public sealed class DetailModel(IClusterClient cluster) : PageModel
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    public PersonView? Person { get; private set; }

    public async Task OnGetAsync(Guid? id, string? externalId)
    {
        var key = id ?? (string.IsNullOrWhiteSpace(externalId) ? null : PersonIds.FromExternalId(externalId));
        if (key is { } k) Person = await cluster.GetGrain<IPersonGrain>(k).Get();
    }

    public string Local(DateTimeOffset? at) => at is { } v ? TimeZoneInfo.ConvertTime(v, Paris).ToString("dd/MM/yyyy HH:mm") : "—";
}
