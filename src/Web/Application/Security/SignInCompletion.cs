using System.Security.Claims;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// A session signed in with a step still to do (a new password at first sign-in, the second factor's enrolment)
/// reaches only the page of that step, the logout and public paths; any other page sends it there.
/// </summary>
public static class SignInCompletion
{
    /// <summary>The pending step "choose a new password" (the claim's value, not a password).</summary>
    public const string Renewal = "password";
    public const string Enrol = "enrol";

    public static string PagePath(string pending) => pending == Enrol ? "/Account/TwoFactor" : "/Account/Password";

    public static string? Pending(this ClaimsPrincipal user) => user.FindFirst(StaffSessions.PendingClaim)?.Value;

    public static IApplicationBuilder UseSignInCompletion(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.User.Pending() is not { } pending) return next(context);
        var path = context.Request.Path;
        var page = PagePath(pending);
        if (path.StartsWithSegments(page) || path.StartsWithSegments("/Logout") || path.StartsWithSegments("/Login") ||
            path.StartsWithSegments("/q") || path.StartsWithSegments("/api") || path.StartsWithSegments("/sms") || path.StartsWithSegments("/health"))
            return next(context);
        if (HttpMethods.IsGet(context.Request.Method) && !path.StartsWithSegments("/hubs"))
            context.Response.Redirect(page);
        else context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    });
}
