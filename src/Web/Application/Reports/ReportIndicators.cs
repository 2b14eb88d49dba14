using Dapper;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace FollowUp.Web.Application.Reports;

/// <summary>
/// The ARS's choice of "Informations complémentaires" (report_indicators, changed on Admin › Indicateurs or through
/// PUT /api/settings/report-indicators). The report carries every indicator of the catalogue as computed from the
/// day's events; <see cref="Present"/> keeps the selected ones, so a change of selection applies to past days too.
/// </summary>
public sealed class ReportIndicators(NpgsqlDataSource db)
{
    /// <summary>The selected ids, in the catalogue's order.</summary>
    public async Task<IReadOnlyList<string>> SelectedAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        var ids = (await conn.QueryAsync<string>("SELECT id FROM report_indicators")).ToHashSet(StringComparer.Ordinal);
        return AdditionalIndicatorCatalogue.Ids.Where(ids.Contains).ToList();
    }

    /// <summary>Replaces the selection (ids checked with <see cref="Problem"/> first).</summary>
    public async Task SetAsync(IReadOnlyCollection<string> ids)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("DELETE FROM report_indicators", transaction: tx);
        await conn.ExecuteAsync("INSERT INTO report_indicators (id) SELECT unnest(@ids) ON CONFLICT DO NOTHING",
            new { ids = ids.Distinct().ToArray() }, tx);
        await tx.CommitAsync();
    }

    /// <summary>Why a selection cannot be saved (an id not in the catalogue), or null.</summary>
    public static string? Problem(IEnumerable<string?> ids)
    {
        var unknown = ids.Where(id => id is null || !AdditionalIndicatorCatalogue.Contains(id)).Select(id => $"'{id}'").ToList();
        return unknown.Count == 0 ? null
            : $"{string.Join(", ", unknown)}: not an indicator of the catalogue ({string.Join(", ", AdditionalIndicatorCatalogue.Ids)})";
    }

    /// <summary>The report (and its departments') with only the selected indicators, labelled in the reader's language.</summary>
    public static DailyReport Present(DailyReport report, IReadOnlyList<string> selected, IStringLocalizer t) =>
        Labelled(AdditionalIndicatorRows.Keep(report, selected), t);

    private static DailyReport Labelled(DailyReport r, IStringLocalizer t) => r with
    {
        AdditionalIndicators = [.. r.AdditionalIndicators.Select(i => i with { Label = t["Ind_" + i.Id].Value })],
        ByDepartment = r.ByDepartment is null ? null
            : new SortedDictionary<string, DailyReport>(r.ByDepartment.ToDictionary(d => d.Key, d => Labelled(d.Value, t)), StringComparer.Ordinal),
    };
}
