using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Application.Reports;

/// <summary>
/// The what-if of the next 7 days as CSV (`;`, UTF-8 with BOM, <see cref="CsvCells"/>, French headers from the
/// resources): per day whether open and how long, the operators and inclusions assumed, the calls falling due per type
/// and in all, the capacity in operator-hours, the calls made, and the backlog (calls left over) per type and in all.
/// </summary>
public static class WhatIfCsv
{
    public static byte[] Build(StaffingWhatIf w, IStringLocalizer t)
    {
        var types = WhatIfQuery.Types;
        string Type(string x) => t["Milestone_" + x].Value;
        var sb = new StringBuilder(CsvCells.Line(';', [t["FC_Date"], t["FC_Open"], t["FC_OpenHours"], t["WI_Operators"], t["FC_Inclusions"],
            .. types.Select(x => t["WI_DueOfType", Type(x)].Value), t["WI_Due"], t["WI_CapacityHours"], t["WI_Made"],
            .. types.Select(x => t["WI_BacklogOfType", Type(x)].Value), t["WI_Backlog"]]));
        foreach (var d in w.Days)
            sb.Append(CsvCells.Line(';', [d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Open ? "oui" : "non", N(d.OpenHours),
                N(w.Operators),
                N(w.InclusionsPerDay), .. types.Select(x => N(d.DueByType.GetValueOrDefault(x))), N(d.Due), N(d.CapacityHours), N(d.Made),
                .. types.Select(x => N(d.BacklogByType.GetValueOrDefault(x))), N(d.Backlog)]));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string N(double v) => ForecastCsv.N(v);
}
