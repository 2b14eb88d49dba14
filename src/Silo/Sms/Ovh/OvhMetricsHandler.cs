using System.Diagnostics;
using System.Net;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>Measures each attempt of an OVH API call (inside the retry pipeline): latency by method and status, and 429s.</summary>
public sealed class OvhMetricsHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) FollowUpMetrics.OvhThrottled.Add(1);
            return response;
        }
        finally
        {
            FollowUpMetrics.OvhDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                FollowUpMetrics.Tag("method", request.Method.Method), FollowUpMetrics.Tag("status", status));
        }
    }
}
