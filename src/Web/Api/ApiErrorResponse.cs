using Microsoft.AspNetCore.Diagnostics;

namespace FollowUp.Web.Api;

/// <summary>
/// What an API caller gets when a request fails unexpectedly (problem+json, no stack trace, no personal data): 503 with
/// Retry-After when the database was away (a restart, a broken connection, no connection to be had — nothing was
/// applied, try again), 500 otherwise.
/// </summary>
public static class ApiErrorResponse
{
    public const int RetryAfterSeconds = 5;

    public static async Task WriteAsync(HttpContext ctx)
    {
        var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (IsDatabaseUnavailable(error))
        {
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            ctx.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem($"The database is unavailable; the request was not applied. Try again in {RetryAfterSeconds} seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(ctx);
            return;
        }
        ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await Results.Problem("The request could not be processed; it was not applied. Try again, or contact support with the trace id.",
            statusCode: 500).ExecuteAsync(ctx);
    }

    /// <summary>The database away, seen here (the web's own queries) or by a grain (<see cref="StorageUnavailableException"/>).</summary>
    public static bool IsDatabaseUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is StorageUnavailableException) return true;
        return DatabaseFailure.IsUnavailable(error);
    }
}
