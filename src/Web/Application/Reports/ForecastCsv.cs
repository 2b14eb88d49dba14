using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Application.Reports;

/// <summary>
/// The staffing forecast of the next 7 days as CSV (`;`, UTF-8 with BOM, cells through <see cref="CsvCells"/>, French
/// headers from the resources): per day whether the platform is open and how long, the expected inclusions, the expected
/// calls per call type and in all, the part from expected inclusions, the operator-hours and operators needed.
/// </summary>
public static class ForecastCsv
{
    public static byte[] Build(StaffingForecast forecast, IStringLocalizer t)
    {
        var types = WhatIfQuery.Types;
        var sb = new StringBuilder(CsvCells.Line(';', [t["FC_Date"], t["FC_Open"], t["FC_OpenHours"], t["FC_Inclusions"],
            .. types.Select(x => t["FC_CallsOfType", t["Milestone_" + x]].Value), t["FC_InclusionCalls"], t["FC_Calls"], t["FC_OperatorHours"],
                t["FC_Operators"]]));
        foreach (var d in forecast.Days)
            sb.Append(CsvCells.Line(';', [d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Open ? "oui" : "non", N(d.OpenHours),
                N(d.ExpectedInclusions),
                .. types.Select(x => d.Open ? N(d.ExpectedCallsByType.GetValueOrDefault(x)) : null), d.Open ? N(d.InclusionCalls) : null,
                d.Open ? N(d.ExpectedCalls) : null, d.Open ? N(d.OperatorHours) : null, d.Open ? N(d.OperatorsNeeded) : null]));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    internal static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
