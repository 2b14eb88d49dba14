using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/users: staff accounts.</summary>
public static class UsersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/users", async (UserInput input, StaffUsers users, HttpContext http, FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var errors = StaffUsers.Validate(input.UserName, input.DisplayName, input.Role, input.Password, input.Departments);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var created = await users.CreateAsync(input.UserName!, input.DisplayName!, input.Role!, input.Password!, input.Departments);
            if (created) await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.AccountCreated, "account", input.UserName,
                input.Role);
            return created
                ? Results.Created($"/api/users/{input.UserName}", new { userName = input.UserName, input.DisplayName, input.Role })
                : Results.Conflict(new { error = $"userName '{input.UserName}' already exists" });
        }).RequireScope(ApiScopes.Admin);
    }

    public sealed record UserInput(string? UserName, string? DisplayName, string? Role, string? Password, string[]? Departments = null);
}
