using FollowUp.Web.Application;

namespace FollowUp.Web.Api;

/// <summary>/api/persons: inclusion, record, search.</summary>
public static class PersonsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/persons", async (PersonInput input, IClusterClient cluster, PlatformClock clock) =>
        {
            var (request, errors) = Inclusion.Validate(input, Actors.System, await clock.TodayAsync());
            if (request is null) return Results.ValidationProblem(errors);
            var result = await cluster.GetGrain<IPersonGrain>(PersonIds.FromExternalId(request.ExternalId)).Include(request);
            return result.Created ? Results.Created($"/api/persons/{result.Id}", new { id = result.Id }) : Results.Ok(new { id = result.Id });
        });

        api.MapGet("/persons/{id:guid}", async (Guid id, IClusterClient cluster) =>
            await cluster.GetGrain<IPersonGrain>(id).Get() is { } person ? Results.Ok(person) : Results.NotFound());

        api.MapGet("/persons", PersonRecordApi.ListOrSearch);
    }
}
