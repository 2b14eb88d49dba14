using System.Globalization;

namespace FollowUp;

/// <summary>
/// The report's additional indicators as flat rows (key, value) for the exports (CSV, XLSX, e-mail): "additional.{id}",
/// with ".{hour}" (00–23) for <c>callsByHour</c> and ".{call type}" for <c>meanCallSecondsByType</c>.
/// </summary>
public static class AdditionalIndicatorRows
{
    /// <summary>Keys of the "Informations complémentaires" rows start with this.</summary>
    public const string Prefix = "additional.";

    /// <summary>Rows of each indicator the report carries; <c>Sub</c> is the hour or call type of a broken-down one.</summary>
    public static List<(string Key, string Id, string? Sub, bool Hour, string Value)> Of(DailyReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = new List<(string, string, string?, bool, string)>();
        foreach (var i in r.AdditionalIndicators)
        {
            var key = Prefix + i.Id;
            if (i.ByHour is { } hours)
                rows.AddRange(hours.Select((n, h) => ($"{key}.{h:00}", i.Id, (string?)h.ToString("00", CultureInfo.InvariantCulture), true,
                    n.ToString(CultureInfo.InvariantCulture))));
            else if (i.ByType is { } byType)
                rows.AddRange(byType.Select(x => ($"{key}.{x.Key}", i.Id, (string?)x.Key, false, DailyReportFigures.Format(x.Value))));
            else rows.Add((key, i.Id, null, false, DailyReportFigures.Format(i.Number)));
        }
        return rows;
    }

    /// <summary>The report (and its departments') with only the indicators of <paramref name="ids"/>.</summary>
    public static DailyReport Keep(DailyReport r, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r with
        {
            AdditionalIndicators = [.. r.AdditionalIndicators.Where(i => ids.Contains(i.Id, StringComparer.Ordinal))],
            ByDepartment = r.ByDepartment is null ? null
                : new SortedDictionary<string, DailyReport>(r.ByDepartment.ToDictionary(d => d.Key, d => Keep(d.Value, ids)), StringComparer.Ordinal),
        };
    }
}
