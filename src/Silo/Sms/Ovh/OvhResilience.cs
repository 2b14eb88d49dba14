using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton(options);
        var client = services.AddHttpClient<OvhClient>();
        client.AddResilienceHandler("ovh", pipeline => Configure(pipeline, options));
        client.AddHttpMessageHandler(() => new OvhMetricsHandler()); // inside the retries: measures every attempt
        services.AddSingleton<ISmsGateway, OvhSmsGateway>();
        return services;
    }

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, OvhOptions options)
    {
        pipeline.AddTimeout(options.AttemptTimeout * 4);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
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
