using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>
/// Retries with exponential backoff (honouring Retry-After). Reads and deletes are retried on 408/429/5xx, timeouts and
/// network errors. A POST (an SMS job) is retried only when OVH says it did not take it (429, 503): after a timeout or a
/// dropped connection the job may have been accepted, so the grain keeps the SMS "to send" and the next attempt asks
/// OVH by tag first — never a blind resend.
/// </summary>
public static class OvhResilience
{
    /// <summary>The OVH gateway: options, the typed client with its resilience pipeline, the gateway.</summary>
    public static IServiceCollection AddOvhSms(this IServiceCollection services, OvhOptions options)
    {
        services.TryAddSingleton(options); // the configured one when the host registered its section
        services.AddSingleton(new OvhSendThrottle(options));
        // No HttpClient logging handlers: their lines are Information (filtered out), yet each request still paid for their
        // scopes and checks (a few % of the silo's CPU in a wave).
        var client = services.AddHttpClient<OvhClient>().RemoveAllLoggers();
        client.AddResilienceHandler("ovh", (pipeline, context) =>
            Configure(pipeline, options, context.ServiceProvider.GetRequiredService<OvhSendThrottle>()));
        client.AddHttpMessageHandler(() => new OvhMetricsHandler()); // inside the retries: measures every attempt
        services.AddSingleton<ISmsGateway, OvhSmsGateway>();
        return services;
    }

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, OvhOptions options, OvhSendThrottle? throttle = null)
    {
        pipeline.AddTimeout(options.AttemptTimeout * 4 + TimeSpan.FromSeconds(30) * options.MaxRetries);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldRetryAfterHeader = true,
            OnRetry = args =>
            {
                // A 429 slows every sender of this silo down, not only this one.
                if (args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests) throttle?.PauseFor(args.RetryDelay);
                return ValueTask.CompletedTask;
            },
            ShouldHandle = args =>
            {
                var post = args.Context.GetRequestMessage()?.Method == HttpMethod.Post;
                var status = args.Outcome.Result?.StatusCode;
                var retry = status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                    || (!post && (status is HttpStatusCode.RequestTimeout || (int?)status >= 500
                        || args.Outcome.Exception is HttpRequestException or TimeoutRejectedException));
                return ValueTask.FromResult(retry);
            },
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }
}
