using Npgsql;

namespace FollowUp.Web.Application.Platform;

/// <summary>
/// The web's reads after a PostgreSQL restart, in one place: every pooled connection is dead then and fails its next
/// command once. A GET or HEAD request (a read: no body, safe to run again) whose work met the database away before
/// anything of its answer was sent is run again on a fresh connection (<see cref="DatabaseRetry"/>: the pool cleared, a
/// short wait, at most <see cref="DatabaseRetry.Attempts"/> attempts) — person lists and searches, a record, the
/// questionnaire, reports, exports. Writes are not run again here: they answer 503 with Retry-After while the database
/// is away (API) and the caller decides. API-key and staff-session checks have their own retry (they run before this).
/// </summary>
public sealed class DatabaseReadRetry(RequestDelegate next, NpgsqlDataSource db)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) return next(context);
        var attempt = 0;
        return DatabaseRetry.RunAsync(db, () =>
        {
            if (attempt++ > 0) context.Response.Clear(); // the failed attempt's status and headers; nothing was sent
            return next(context);
        }, mayRetry: () => !context.Response.HasStarted);
    }
}
