using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/persons: inclusion, record, search.</summary>
public static class PersonsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/persons", async (PersonInput input, IClusterClient cluster, PlatformClock clock, HttpContext http,
            FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var (request, errors) = Inclusion.Validate(input, Actors.Api(http.User.Identity!.Name!), await clock.TodayAsync());
            if (request is null) return Results.ValidationProblem(errors);
            var result = await cluster.GetGrain<IPersonGrain>(PersonIds.FromExternalId(request.ExternalId)).Include(request);
            if (result.Created) await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.PersonIncluded, "person",
                result.Id.ToString());
            return result.Created ? Results.Created($"/api/persons/{result.Id}", new { id = result.Id }) : Results.Ok(new { id = result.Id });
        }).RequireScope(ApiScopes.PersonsWrite);

        api.MapGet("/persons/{id:guid}", async (Guid id, IClusterClient cluster, HttpContext http,
            FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var journaled = journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.PersonRead, "person",
                id.ToString()); // written while the grain answers
            var person = await cluster.GetGrain<IPersonGrain>(id).Get();
            await journaled;
            return person is not null ? Results.Ok(person) : Results.NotFound();
        }).RequireScope(ApiScopes.PersonsRead);

        api.MapGet("/persons", PersonRecordApi.ListOrSearch).RequireScope(ApiScopes.PersonsRead);
    }
}
