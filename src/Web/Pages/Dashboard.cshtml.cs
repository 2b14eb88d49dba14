using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages;

/// <summary>Supervisors' live view of the day: the first picture comes with the page, every change is pushed after.
/// <c>?department=13</c> shows one department's figures (the select on the page switches without reloading).</summary>
public sealed class DashboardModel(IClusterClient cluster, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    FollowUp.Web.Application.Security.DepartmentAccess access) : PageModel
{
    public LiveSnapshot Live { get; private set; } = null!;
    public string LiveJson => JsonSerializer.Serialize(Live, json.Value.SerializerOptions);
    /// <summary>The department filter (null: every department).</summary>
    public string? Department { get; private set; }
    /// <summary>The figures shown: every department's, or the filtered department's (zeros when it has none today).</summary>
    public LiveSnapshot Shown { get; private set; } = null!;
    /// <summary>The departments the select offers: those with activity or calls due today, and the filtered one.</summary>
    public IReadOnlyList<string> Departments { get; private set; } = [];
    /// <summary>The departments a limited Supervisor may see (empty: the whole region, no "every department" otherwise).</summary>
    public IReadOnlyList<string> Limits { get; private set; } = [];

    public async Task OnGetAsync(string? department)
    {
        Live = await cluster.GetGrain<IReportingGrain>(0).Live();
        var dep = department?.Trim().ToUpperInvariant();
        Department = string.IsNullOrEmpty(dep) || !FollowUp.Web.Application.Persons.Inclusion.IsDepartment(dep) ? null : dep;
        Limits = [.. (await access.LimitsAsync(User)).Select(d => d.ToUpperInvariant()).Order(StringComparer.Ordinal)];
        if (Limits.Count > 0)
        {
            Live = FollowUp.Web.Application.Live.DashboardRelay.Limit(Live, Limits);
            if (Department is null || !Limits.Contains(Department)) Department = Limits[0];
        }
        Shown = Department is null ? Live : Live.ByDepartment.GetValueOrDefault(Department) ?? new LiveSnapshot { Date = Live.Date, At = Live.At };
        Departments = Limits.Count > 0 ? Limits
            : Live.ByDepartment.Keys.Append(Department).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
