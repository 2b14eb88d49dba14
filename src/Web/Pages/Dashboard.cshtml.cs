using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages;

/// <summary>Supervisors' live view of the day: the first picture comes with the page, every change is pushed after.
/// <c>?department=13</c> shows one department's figures (the select on the page switches without reloading).</summary>
public sealed class DashboardModel(IClusterClient cluster, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    public LiveSnapshot Live { get; private set; } = null!;
    public string LiveJson => JsonSerializer.Serialize(Live, json.Value.SerializerOptions);
    /// <summary>The department filter (null: every department).</summary>
    public string? Department { get; private set; }
    /// <summary>The figures shown: every department's, or the filtered department's (zeros when it has none today).</summary>
    public LiveSnapshot Shown { get; private set; } = null!;
    /// <summary>The departments the select offers: those with activity or calls due today, and the filtered one.</summary>
    public IReadOnlyList<string> Departments { get; private set; } = [];

    public async Task OnGetAsync(string? department)
    {
        Live = await cluster.GetGrain<IReportingGrain>(0).Live();
        var dep = department?.Trim().ToUpperInvariant();
        Department = string.IsNullOrEmpty(dep) || !FollowUp.Web.Application.Inclusion.IsDepartment(dep) ? null : dep;
        Shown = Department is null ? Live : Live.ByDepartment.GetValueOrDefault(Department) ?? new LiveSnapshot { Date = Live.Date, At = Live.At };
        Departments = Live.ByDepartment.Keys.Append(Department).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
