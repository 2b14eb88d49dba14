using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>
/// Typed client for the OVH API calls FollowUp uses. Every call is signed; the body is serialized once and that exact
/// string is both signed and sent. Timestamps are real time corrected by the offset to OVH's /auth/time (never the
/// platform's virtual clock). Retries and timeouts come from the resilience pipeline registered with the client.
/// </summary>
public sealed class OvhClient(HttpClient http, OvhOptions options)
{
    private static readonly JsonSerializerOptions Json =
        new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private long? _offsetSeconds;

    public async Task<OvhJobResult> SendJobAsync(OvhJob job, CancellationToken ct) =>
        (await CallAsync<OvhJobResult>(HttpMethod.Post, $"/sms/{options.ServiceName}/jobs", job, ct))!;

    public async Task<long[]> OutgoingByTagAsync(string tag, CancellationToken ct) =>
        await CallAsync<long[]>(HttpMethod.Get, $"/sms/{options.ServiceName}/outgoing?tag={Uri.EscapeDataString(tag)}", null, ct) ?? [];

    /// <summary>Ids of the jobs accepted but still queued at OVH ("Sms in pending": not yet in /outgoing). OVH's listing takes
    /// no filter (unlike /outgoing, no <c>tag</c>): read each with <see cref="PendingJobAsync"/>.</summary>
    public async Task<long[]> PendingJobIdsAsync(CancellationToken ct) =>
        await CallAsync<long[]>(HttpMethod.Get, $"/sms/{options.ServiceName}/jobs", null, ct) ?? [];

    /// <summary>A queued job (sms.Job: receiver, message, … — no tag); null when it is no longer queued (sent or dropped: 404).</summary>
    public async Task<OvhPendingJob?> PendingJobAsync(long id, CancellationToken ct)
    {
        try { return await CallAsync<OvhPendingJob>(HttpMethod.Get, $"/sms/{options.ServiceName}/jobs/{id}", null, ct); }
        catch (OvhException e) when (e.Status == 404) { return null; }
    }

    public Task<OvhOutgoing?> OutgoingAsync(long id, CancellationToken ct) =>
        CallAsync<OvhOutgoing>(HttpMethod.Get, $"/sms/{options.ServiceName}/outgoing/{id}", null, ct);

    public async Task<long[]> IncomingIdsAsync(CancellationToken ct) =>
        await CallAsync<long[]>(HttpMethod.Get, $"/sms/{options.ServiceName}/incoming", null, ct) ?? [];

    public Task<OvhIncoming?> IncomingAsync(long id, CancellationToken ct) =>
        CallAsync<OvhIncoming>(HttpMethod.Get, $"/sms/{options.ServiceName}/incoming/{id}", null, ct);

    public Task DeleteIncomingAsync(long id, CancellationToken ct) =>
        CallAsync<JsonElement?>(HttpMethod.Delete, $"/sms/{options.ServiceName}/incoming/{id}", null, ct);

    private async Task<T?> CallAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var url = options.Endpoint + path;
        var payload = body is null ? "" : JsonSerializer.Serialize(body, Json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + await OffsetAsync(ct);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        request.Headers.Add("X-Ovh-Application", options.ApplicationKey);
        request.Headers.Add("X-Ovh-Consumer", options.ConsumerKey);
        request.Headers.Add("X-Ovh-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Ovh-Signature", OvhSignature.Compute(options.ApplicationSecret, options.ConsumerKey, method.Method, url, payload,
            timestamp));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new OvhException((int)response.StatusCode, $"OVH {method} {path.Split('?')[0]} → {(int)response.StatusCode}: {text}");
        }
        var content = await response.Content.ReadAsStringAsync(ct);
        return string.IsNullOrWhiteSpace(content) ? default : JsonSerializer.Deserialize<T>(content, Json);
    }

    /// <summary>Difference between OVH's clock and ours, fetched once (unsigned call).</summary>
    private async Task<long> OffsetAsync(CancellationToken ct)
    {
        if (_offsetSeconds is { } o) return o;
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var server = await http.GetFromJsonAsync<long>(options.Endpoint + "/auth/time", ct);
        _offsetSeconds = server - before;
        return _offsetSeconds.Value;
    }
}

public sealed class OvhException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

public sealed record OvhJob(
    string Message, string[] Receivers, string? Sender, bool NoStopClause, string Tag, string Priority, int ValidityPeriod,
    string Charset = "UTF-8", string Coding = "7bit", bool? SenderForResponse = null);

public sealed record OvhJobResult(long[] Ids, string[] ValidReceivers, string[] InvalidReceivers, double TotalCreditsRemoved);

/// <summary>A job queued at OVH (sms.Job): OVH gives it no tag, so it is told by its receiver and text.</summary>
public sealed record OvhPendingJob(long Id, string? Receiver, string? Message, string? CreationDatetime);

public sealed record OvhOutgoing(long Id, string? Receiver, string? Tag, long? Ptt, long? DeliveryReceipt);

public sealed record OvhIncoming(long Id, string Sender, string Message, string? CreationDatetime);
