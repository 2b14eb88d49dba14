using System.Globalization;
using System.Text;

namespace FollowUp.Web.Application.Reports;

/// <summary>
/// The weekly page's staffing as one CSV (`;`, UTF-8 with BOM, cells through <see cref="CsvCells"/>): the actual per day
/// (hour empty) and per hour, then the forecast (Sundays closed) and the what-if with Sundays open, per day.
/// </summary>
public static class StaffingCsv
{
    public static readonly string[] Header = ["section", "date", "heure", "operateursConnectes", "secondesConnectees", "secondesEnAppel",
        "secondesPostAppel", "secondesEnPause", "appels", "occupationPourcent", "appelsParHeureOperateur",
        "jalonsJ2", "jalonsJ4", "jalonsJ7", "jalonsJ7TestFollowUp", "jalonsJ9", "ouvert", "appelsAttendus", "heuresOperateur",
            "operateursNecessaires"];

    private static readonly string[] Types = ["J2", "J4", "J7", "J7TestFollowUp", "J9"];

    public static byte[] Build(StaffingActual actual, StaffingForecast forecast)
    {
        var sb = new StringBuilder(CsvCells.Line(';', Header));
        var none = new string?[9];
        foreach (var h in actual.Days.Concat(actual.Hours).OrderBy(h => h.Date).ThenBy(h => h.Hour ?? -1))
            sb.Append(CsvCells.Line(';', ["actual", h.Date.ToString("yyyy-MM-dd"), h.Hour?.ToString(CultureInfo.InvariantCulture),
                N(h.OperatorsSignedIn),
                N(h.SignedInSeconds), N(h.TalkSeconds), N(h.WrapUpSeconds), N(h.PauseSeconds), N(h.Calls), N(h.OccupancyPercent),
                    N(h.CallsPerOperatorHour), .. none]));
        foreach (var (section, days) in new[] { ("forecast", forecast.Days), ("whatIfSundaysOpen", forecast.DaysWithSundaysOpen) })
            foreach (var d in days)
                sb.Append(CsvCells.Line(';', [section, d.Date.ToString("yyyy-MM-dd"), null, null, null, null, null, null, null, null, null,
                    .. Types.Select(t => N(d.MilestonesByType.GetValueOrDefault(t))), d.Open ? "oui" : "non",
                    d.Open ? N(d.ExpectedCalls) : null, d.Open ? N(d.OperatorHours) : null, d.Open ? N(d.OperatorsNeeded) : null]));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string? N(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture);
}
