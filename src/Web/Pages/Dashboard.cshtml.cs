using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages;

/// <summary>Supervisors' live view of the day: the first picture comes with the page, every change is pushed after.</summary>
public sealed class DashboardModel(IClusterClient cluster, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    public LiveSnapshot Live { get; private set; } = null!;
    public string LiveJson => JsonSerializer.Serialize(Live, json.Value.SerializerOptions);

    public async Task OnGetAsync() => Live = await cluster.GetGrain<IReportingGrain>(0).Live();
}
