using System.Threading.RateLimiting;

namespace FollowUp.Web.Application.Questionnaire;

/// <summary>
/// The public questionnaire is rate-limited per client IP and per token (built-in ASP.NET Core rate limiter), so
/// guessing tokens is pointless and one link cannot be hammered; sign-in attempts (POST /Login) per client IP
/// (FollowUp:Security:LoginPerIpPerMinute, default 20). Other paths are not limited here.
/// Settings: <see cref="QuestionnaireOptions"/>.
/// </summary>
public static class QuestionnaireRateLimits
{
    public static IServiceCollection AddQuestionnaireRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var questionnaire = services.AddSectionOptions<QuestionnaireOptions>(config);
        var (perIp, perToken) = (questionnaire.PerIpPerMinute, questionnaire.PerTokenPerMinute);
        var loginsPerIp = SectionOptions.Read<Security.SecurityOptions>(config).LoginPerIpPerMinute;
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync("Trop de tentatives : réessayez dans une minute. / Too many attempts: try again in a " +
                    "minute.", ct);
            };
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Limit(ctx => "ip:" + ctx.Connection.RemoteIpAddress, perIp),
                Limit(ctx => "token:" + ctx.Request.Path.Value, perToken),
                // Sign-in attempts per client IP (the real one behind FollowUp:Web:KnownProxies).
                PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                    HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.StartsWithSegments("/Login")
                        ? RateLimitPartition.GetFixedWindowLimiter("login:" + ctx.Connection.RemoteIpAddress, _ =>
                            new FixedWindowRateLimiterOptions { PermitLimit = loginsPerIp, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                        : RateLimitPartition.GetNoLimiter("other")));
        });
    }

    private static PartitionedRateLimiter<HttpContext> Limit(Func<HttpContext, string> key, int perMinute) =>
        PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            ctx.Request.Path.StartsWithSegments("/q")
                ? RateLimitPartition.GetFixedWindowLimiter(key(ctx), _ =>
                    new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("other"));
}
