using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using FollowUp.Web.Application.Security;
using FollowUp.Web.Pages.Persons;

namespace FollowUp.Web.Api;

/// <summary>
/// /api/persons: the record's actions (end, phone, vulnerability, callback, last contact, call window), its timeline, and the filtered,
/// cursor-paginated list. Each action calls the same grain method as the record page, journaled as api:&lt;key&gt;.
/// </summary>
public static class PersonRecordApi
{
    public sealed record EndInput(string? Reason, string? Text);
    public sealed record PhoneInput(string? Phone);
    public sealed record VulnerabilityInput(bool? SociallyVulnerable);
    public sealed record CallbackInput(string? At);
    public sealed record LastContactInput(string? LastContactDate);
    public sealed record CallWindowInput(string? PreferredCallWindow);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/persons/{id:guid}/end", async (Guid id, EndInput input, HttpContext http, IClusterClient cluster) =>
        {
            var reason = DetailModel.EndReasons.FirstOrDefault(r =>
                string.Equals(r.ToString(), input.Reason?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (string.IsNullOrWhiteSpace(input.Reason) || !DetailModel.EndReasons.Contains(reason))
                return Field("reason", Texts.Get("Err_EndReasonIn", string.Join(", ", DetailModel.EndReasons.Select(Camel))));
            if (input.Text?.Length > 500) return Field("text", Texts.Get("Err_TooLong", 500));
            var grain = cluster.GetGrain<IPersonGrain>(id);
            if (await grain.Get() is null) return Results.NotFound();
            await grain.End(reason, string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim(), Actor(http));
            return Results.Ok(await grain.Get());
        }).Produces<PersonView>().Produces(404).RequireScope(ApiScopes.PersonsWrite).Journaled(AccessActions.PersonChanged);

        api.MapPut("/persons/{id:guid}/phone", async (Guid id, PhoneInput input, HttpContext http, IClusterClient cluster) =>
        {
            var (e164, mobile, error) = Inclusion.ParsePhone(input.Phone);
            if (error is not null) return Field("phone", error);
            var grain = cluster.GetGrain<IPersonGrain>(id);
            if (await grain.Get() is null) return Results.NotFound();
            await grain.CorrectPhone(e164!, mobile, Actor(http));
            return Results.Ok(await grain.Get());
        }).Produces<PersonView>().Produces(404).RequireScope(ApiScopes.PersonsWrite).Journaled(AccessActions.PersonChanged);

        api.MapPut("/persons/{id:guid}/vulnerability", async (Guid id, VulnerabilityInput input, HttpContext http, IClusterClient cluster) =>
        {
            if (input.SociallyVulnerable is not { } vulnerable) return Field("sociallyVulnerable", Texts.Get("Err_RequiredBool"));
            var grain = cluster.GetGrain<IPersonGrain>(id);
            if (await grain.Get() is null) return Results.NotFound();
            await grain.SetSociallyVulnerable(vulnerable, Actor(http));
            return Results.Ok(await grain.Get());
        }).Produces<PersonView>().Produces(404).RequireScope(ApiScopes.PersonsWrite).Journaled(AccessActions.PersonChanged);

        api.MapPost("/persons/{id:guid}/callback", async (Guid id, CallbackInput input, HttpContext http, IClusterClient cluster) =>
        {
            if (string.IsNullOrWhiteSpace(input.At)) return Field("at", Texts.Get("Err_Required"));
            if (!DateTimeOffset.TryParse(input.At, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None,
                out var at)
                || !input.At.Contains('T'))
                return Field("at", Texts.Get("Err_Instant"));
            var result = await cluster.GetGrain<IPersonGrain>(id).ScheduleCallback(at, Actor(http));
            return result.Status switch
            {
                CallActionStatus.Ok => Results.Ok(await cluster.GetGrain<IPersonGrain>(id).Get()),
                CallActionStatus.Invalid => Field("at", Texts.Get("Err_FutureInstant")),
                CallActionStatus.NotFound => Results.NotFound(),
                _ => Results.Problem(result.Message, statusCode: 409, title: "Conflict"),
            };
        }).Produces<PersonView>().Produces(404).ProducesProblem(409).RequireScope(ApiScopes.PersonsWrite).Journaled(AccessActions.PersonChanged);

        // The record's anchor date (contacts only; empty clears it): the recommended test date follows.
        api.MapPut("/persons/{id:guid}/last-contact", async (Guid id, LastContactInput input, HttpContext http, IClusterClient cluster) =>
        {
            var grain = cluster.GetGrain<IPersonGrain>(id);
            if (await grain.Get() is not { } person) return Results.NotFound();
            DateOnly? date = null;
            if (!string.IsNullOrWhiteSpace(input.LastContactDate))
            {
                if (!Inclusion.TryDate(input.LastContactDate, out var d)) return Field("lastContactDate", Texts.Get("Err_Date"));
                if (person.Kind == PersonKind.Case) return Field("lastContactDate", Texts.Get("Err_LastContactCase"));
                if (d > person.InclusionDate) return Field("lastContactDate", Texts.Get("Err_LastContactAfterInclusion"));
                date = d;
            }
            await grain.SetLastContactDate(date, Actor(http));
            return Results.Ok(await grain.Get());
        }).Produces<PersonView>().Produces(404).RequireScope(ApiScopes.PersonsWrite).Journaled(AccessActions.PersonChanged);

        // The preferred call window: a preset (morning, midday, afternoon, evening) or HH:mm-HH:mm; empty clears it.
        api.MapPut("/persons/{id:guid}/call-window", async (Guid id, CallWindowInput input, HttpContext http, IClusterClient cluster) =>
        {
            string? window = null;
            if (!string.IsNullOrWhiteSpace(input.PreferredCallWindow)
                && !CallWindows.TryParse(input.PreferredCallWindow, out _, out _, out window))
                return Field("preferredCallWindow", Texts.Get("Err_CallWindow", input.PreferredCallWindow));
            var grain = cluster.GetGrain<IPersonGrain>(id);
            if (await grain.Get() is null) return Results.NotFound();
            await grain.SetCallWindow(window, Actor(http));
            return Results.Ok(await grain.Get());
        }).Produces<PersonView>().Produces(404).RequireScope(ApiScopes.PersonsWrite).Journaled(AccessActions.PersonChanged);

        api.MapGet("/persons/{id:guid}/timeline", async (Guid id, IClusterClient cluster) =>
            await cluster.GetGrain<IPersonGrain>(id).Get() is { } person ? Results.Ok(person.Timeline) : Results.NotFound())
            .Produces<IReadOnlyList<TimelineEntry>>().Produces(404).RequireScope(ApiScopes.PersonsRead).Journaled(AccessActions.PersonRead);
    }

    /// <summary>GET /api/persons: the search (q) when given, else the filtered list, one page after the cursor.</summary>
    public static async Task<IResult> ListOrSearch(string? q, string? status, string? department, string? kind, string? cursor, string? limit,
        PersonSearch search, PersonList list, HttpContext http, AccessJournal journal)
    {
        if (q is not null)
        {
            if (PersonSearch.TooShort(q)) return Field("q", Texts.Get("Err_SearchTooShort", PersonSearch.MinLength));
            var journaled = journal.Record(http, AccessActions.Search, "search", q.Trim()); // written while the search runs
            var hits = await search.FindAsync(q);
            await journaled;
            return Results.Ok(hits);
        }
        var (query, errors) = PersonList.Validate(status, department, kind, cursor, limit);
        if (query is null) return Results.ValidationProblem(errors);
        var page = list.PageAsync(query);
        await journal.Record(http, AccessActions.Search, "list",
            $"status={status};department={department};kind={kind};cursor={cursor};limit={limit}");
        return Results.Ok(await page);
    }

    /// <summary>Journals the person named by the route's {id} once the endpoint answered with success.</summary>
    private static TBuilder Journaled<TBuilder>(this TBuilder builder, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var result = await next(ctx);
            if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } && ctx.HttpContext.GetRouteValue("id") is { } id)
                await ctx.HttpContext.RequestServices.GetRequiredService<AccessJournal>()
                    .Record(ctx.HttpContext, action, "person", id.ToString(), ctx.HttpContext.Request.Path.Value?.Split('/').LastOrDefault());
            return result;
        });

    private static IResult Field(string field, string message) => Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string Actor(HttpContext http) => Actors.Api(http.User.Identity?.Name ?? "bootstrap");

    private static string Camel(EndReason r) => char.ToLowerInvariant(r.ToString()[0]) + r.ToString()[1..];
}
