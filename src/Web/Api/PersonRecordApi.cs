using FollowUp.Web.Application;
using FollowUp.Web.Pages.Persons;

namespace FollowUp.Web.Api;

/// <summary>
/// /api/persons: the record's actions (end, phone, vulnerability, callback), its timeline, and the filtered,
/// cursor-paginated list. Each action calls the same grain method as the record page, journaled as api:&lt;key&gt;.
/// </summary>
public static class PersonRecordApi
{
    public sealed record EndInput(string? Reason, string? Text);
    public sealed record PhoneInput(string? Phone);
    public sealed record VulnerabilityInput(bool? SociallyVulnerable);
    public sealed record CallbackInput(string? At);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/persons/{id:guid}/end", async (Guid id, EndInput input, HttpContext http, IClusterClient cluster) =>
        {
            var reason = DetailModel.EndReasons.FirstOrDefault(r => string.Equals(r.ToString(), input.Reason?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (string.IsNullOrWhiteSpace(input.Reason) || !DetailModel.EndReasons.Contains(reason))
                return Field("reason", Texts.Get("Err_EndReasonIn", string.Join(", ", DetailModel.EndReasons.Select(Camel))));
            if (input.Text?.Length > 500) return Field("text", Texts.Get("Err_TooLong", 500));
            var grain = cluster.GetGrain<IPersonGrain>(id);
            if (await grain.Get() is null) return Results.NotFound();
            await grain.End(reason, string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim(), Actor(http));
            return Results.Ok(await grain.Get());
        }).Produces<PersonView>().Produces(404);

        api.MapPut("/persons/{id:guid}/phone", async (Guid id, PhoneInput input, HttpContext http, IClusterClient cluster) =>
        {
            var (e164, mobile, error) = Inclusion.ParsePhone(input.Phone);
            if (error is not null) return Field("phone", error);
            var grain = cluster.GetGrain<IPersonGrain>(id);
            if (await grain.Get() is null) return Results.NotFound();
            await grain.CorrectPhone(e164!, mobile, Actor(http));
            return Results.Ok(await grain.Get());
        }).Produces<PersonView>().Produces(404);

        api.MapPut("/persons/{id:guid}/vulnerability", async (Guid id, VulnerabilityInput input, HttpContext http, IClusterClient cluster) =>
        {
            if (input.SociallyVulnerable is not { } vulnerable) return Field("sociallyVulnerable", Texts.Get("Err_RequiredBool"));
            var grain = cluster.GetGrain<IPersonGrain>(id);
            if (await grain.Get() is null) return Results.NotFound();
            await grain.SetSociallyVulnerable(vulnerable, Actor(http));
            return Results.Ok(await grain.Get());
        }).Produces<PersonView>().Produces(404);

        api.MapPost("/persons/{id:guid}/callback", async (Guid id, CallbackInput input, HttpContext http, IClusterClient cluster) =>
        {
            if (string.IsNullOrWhiteSpace(input.At)) return Field("at", Texts.Get("Err_Required"));
            if (!DateTimeOffset.TryParse(input.At, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
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
        }).Produces<PersonView>().Produces(404).ProducesProblem(409);

        api.MapGet("/persons/{id:guid}/timeline", async (Guid id, IClusterClient cluster) =>
            await cluster.GetGrain<IPersonGrain>(id).Get() is { } person ? Results.Ok(person.Timeline) : Results.NotFound())
            .Produces<IReadOnlyList<TimelineEntry>>().Produces(404);
    }

    /// <summary>GET /api/persons: the search (q) when given, else the filtered list, one page after the cursor.</summary>
    public static async Task<IResult> ListOrSearch(string? q, string? status, string? department, string? kind, string? cursor, string? limit,
        PersonSearch search, PersonList list)
    {
        if (q is not null) return Results.Ok(await search.FindAsync(q));
        var (query, errors) = PersonList.Validate(status, department, kind, cursor, limit);
        return query is null ? Results.ValidationProblem(errors) : Results.Ok(await list.PageAsync(query));
    }

    private static IResult Field(string field, string message) => Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string Actor(HttpContext http) => Actors.Api(http.User.Identity?.Name ?? "bootstrap");

    private static string Camel(EndReason r) => char.ToLowerInvariant(r.ToString()[0]) + r.ToString()[1..];
}
