using FollowUp.Web.Application.Privacy;
using FollowUp.Web.Application.Reports;
using FollowUp.Web.Application.Security;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Api;

/// <summary>/api/settings/report-indicators: the "Informations complémentaires" of the daily report (catalogue and selection).</summary>
public static class ReportIndicatorsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/settings/report-indicators", async (ReportIndicators indicators, IStringLocalizer<SharedResource> t) =>
            TypedResults.Ok(Selection(await indicators.SelectedAsync(), t))).RequireScope(ApiScopes.Admin);
        api.MapPut("/settings/report-indicators", async (IndicatorsInput input, ReportIndicators indicators, IStringLocalizer<SharedResource> t,
            HttpContext http,
            AccessJournal journal) =>
        {
            if (input.Indicators is null)
                return Results.ValidationProblem(new Dictionary<string,
                    string[]>
                { ["indicators"] = ["required: an array of indicator ids (may be empty)"] });
            if (ReportIndicators.Problem(input.Indicators) is { } problem) return Results.ValidationProblem(new Dictionary<string,
                string[]>
            { ["indicators"] = [problem] });
            var ids = input.Indicators.OfType<string>().ToList();
            await indicators.SetAsync(ids);
            var saved = await indicators.SelectedAsync();
            await journal.Record(http, AccessActions.IndicatorsChanged, "settings", "report-indicators", string.Join(",", saved));
            return Results.Ok(Selection(saved, t));
        }).RequireScope(ApiScopes.Admin);
    }

    private static IndicatorSelection Selection(IReadOnlyList<string> selected, IStringLocalizer t) => new([.. selected],
        [.. AdditionalIndicatorCatalogue.All.Select(x => new CatalogueEntry(x.Id, t["Ind_" + x.Id].Value, t["IndHelp_" + x.Id].Value, x.Unit,
            selected.Contains(x.Id)))]);

    public sealed record IndicatorsInput(string?[]? Indicators);

    /// <summary>The selected ids (catalogue order) and the whole catalogue.</summary>
    public sealed record IndicatorSelection(string[] Indicators, CatalogueEntry[] Catalogue);

    public sealed record CatalogueEntry(string Id, string Label, string Help, string Unit, bool Selected);
}
