using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FollowUp.OvhFake;

/// <summary>
/// A local OVHcloud-compatible SMS API for development and tests: the calls FollowUp uses (auth/time, jobs, outgoing,
/// incoming), signature verification as OVH does it, delivery reports to a callback URL, injected replies and faults.
/// Messages are kept in memory for the process's life (the fake outlives the silos it serves).
/// </summary>
public static class OvhFakeApp
{
    public static WebApplication Build(string[] args, Action<OvhFakeOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // Per-request Information logs (hosting, routing, results, HttpClient: ≈ 20 console lines per SMS and its delivery
        // report) cost more CPU than the fake's work in a wave; configuration (Logging:LogLevel:…) can still lower them.
        foreach (var category in new[] { "Microsoft.AspNetCore", "System.Net.Http.HttpClient" })
            if (builder.Configuration[$"Logging:LogLevel:{category}"] is null) builder.Logging.AddFilter(category, LogLevel.Warning);
        var options = builder.Configuration.GetSection("OvhFake").Get<OvhFakeOptions>() ?? new OvhFakeOptions();
        configure?.Invoke(options);
        if (string.IsNullOrEmpty(options.ApplicationKey) || string.IsNullOrEmpty(options.ApplicationSecret)
            || string.IsNullOrEmpty(options.ConsumerKey))
            throw new InvalidOperationException("Set OvhFake:ApplicationKey, OvhFake:ApplicationSecret and OvhFake:ConsumerKey (run.sh generates " +
                "them).");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<FakeSmsCenter>();
        builder.Services.AddHttpClient();
        builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        var app = builder.Build();
        Map(app);
        return app;
    }

    private static void Map(WebApplication app)
    {
        var api = app.MapGroup("/1.0");
        api.MapGet("/auth/time", () => Results.Json(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        var sms = api.MapGroup("/sms/{service}").AddEndpointFilter(async (ctx, next) =>
        {
            var center = ctx.HttpContext.RequestServices.GetRequiredService<FakeSmsCenter>();
            var error = await center.CheckAsync(ctx.HttpContext);
            if (error is not null) return error;
            var result = await next(ctx);
            if (ctx.HttpContext.Items.ContainsKey("lose"))
            {
                ctx.HttpContext.Abort(); // the work is done, the answer never arrives
                return Results.Empty;
            }
            return result;
        });
        sms.MapPost("/jobs", async (HttpContext http, FakeSmsCenter center) =>
        {
            var job = JsonNode.Parse(center.Body(http))!;
            var receivers = job["receivers"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
            var message = job["message"]?.GetValue<string>();
            if (string.IsNullOrEmpty(message) || receivers.Count == 0)
                return Results.Json(new { message = "Invalid parameter: message and receivers are required" }, statusCode: 400);
            var result = center.Accept(job, receivers, message, http.RequestServices.GetRequiredService<IHttpClientFactory>());
            return Results.Json(result);
        });
        // Jobs accepted but still queued at OVH (not yet in /outgoing): see POST /fake/queue. As OVH's API: the listing
        // takes no filter (a ?tag= is ignored) and a job (sms.Job) has no tag field — only sent messages (/outgoing) do.
        sms.MapGet("/jobs", (FakeSmsCenter center) => Results.Json(center.Jobs.Keys.Order().ToArray()));
        sms.MapGet("/jobs/{id:long}", (long id, FakeSmsCenter center) => center.Jobs.TryGetValue(id, out var m)
            ? Results.Json(new
            {
                m.Id,
                m.Receiver,
                m.Sender,
                m.Message,
                m.CreationDatetime,
                m.Ptt,
                m.DeliveryReceipt,
                credits = 1,
                messageLength = m.Message.Length,
                numberOfSms = 1,
                differedDelivery = 0
            })
            : Results.Json(new { message = "Not found" }, statusCode: 404));
        sms.MapGet("/outgoing", (string? tag, FakeSmsCenter center) =>
            Results.Json(center.Outgoing.Values.Where(m => tag is null || m.Tag == tag).Select(m => m.Id).ToArray()));
        sms.MapGet("/outgoing/{id:long}", (long id, FakeSmsCenter center) =>
            center.Outgoing.TryGetValue(id, out var m) ? Results.Json(m) : Results.Json(new { message = "Not found" }, statusCode: 404));
        sms.MapGet("/incoming", (FakeSmsCenter center) => Results.Json(center.Incoming.Keys.Order().ToArray()));
        sms.MapGet("/incoming/{id:long}", (long id, FakeSmsCenter center) =>
            center.Incoming.TryGetValue(id, out var m) ? Results.Json(m) : Results.Json(new { message = "Not found" }, statusCode: 404));
        sms.MapDelete("/incoming/{id:long}", (long id, FakeSmsCenter center) =>
            center.Incoming.TryRemove(id, out _) ? Results.Json((object?)null) : Results.Json(new { message = "Not found" }, statusCode: 404));

        // Control surface of the fake (not OVH): what phones received, replies to inject, faults to simulate.
        var fake = app.MapGroup("/fake");
        fake.MapGet("/messages", (FakeSmsCenter center) => Results.Json(center.Outgoing.Values.OrderBy(m => m.Id)));
        fake.MapPost("/replies", (FakeReply reply, FakeSmsCenter center) => Results.Json(center.Reply(reply)));
        fake.MapPost("/faults", (FakeFault fault, FakeSmsCenter center) => { center.Faults.Enqueue(fault); return Results.Ok(); });
        fake.MapPost("/rate-limit", (FakeRateLimit limit, FakeSmsCenter center) => { center.SetRateLimit(limit.MaxPerSecond); return Results.Ok(); });
        fake.MapGet("/stats", (FakeSmsCenter center) => Results.Json(new
        {
            accepted = center.Outgoing.Count,
            throttled = center.Throttled,
            failed = center.Failed,
            lostResponses = center.LostResponses,
            queued = center.Jobs.Count,
            deliveryReportsAcknowledged = center.DeliveryReports.Count(r => r.Value is >= 200 and < 300),
            deliveryReportsRefused = center.DeliveryReports.Count(r => r.Value is < 200 or >= 300),
        }));
        fake.MapPost("/fail", (FakeOutage outage, FakeSmsCenter center) =>
            outage.Seconds is > 0 and <= 3600 && outage.Mode is "error" or "hang" or "mixed"
                ? Results.Json(center.Fail(outage))
                : Results.Json(new { message = "seconds must be 1–3600 and mode error, hang or mixed" }, statusCode: 400));
        fake.MapPost("/queue", (FakeQueue queue, FakeSmsCenter center) =>
            queue.DelayMs is null or (>= 0 and <= 3_600_000)
                ? Results.Json(center.SetQueue(queue))
                : Results.Json(new { message = "delayMs must be 0–3600000" }, statusCode: 400));
        fake.MapGet("/delivery-reports", (FakeSmsCenter center) =>
            Results.Json(center.DeliveryReports.OrderBy(r => r.Key).Select(r => new { id = r.Key, status = r.Value })));
        fake.MapDelete("/messages", (FakeSmsCenter center) =>
            { center.Outgoing.Clear(); center.Jobs.Clear(); center.Incoming.Clear(); return Results.Ok(); });
    }
}

public sealed class OvhFakeOptions
{
    /// <summary>The credentials calls must be signed with: from configuration only (run.sh generates them under .data).</summary>
    public string ApplicationKey { get; set; } = "";
    public string ApplicationSecret { get; set; } = "";
    public string ConsumerKey { get; set; } = "";
    /// <summary>Delivery reports are sent here (GET with id, ptt, dlr, date, description), as OVH's service callBack does.</summary>
    public string? DeliveryReportUrl { get; set; }
    /// <summary>Seconds a signature's timestamp may differ from this server's clock.</summary>
    public int TimestampToleranceSeconds { get; set; } = 300;
    /// <summary>SMS jobs accepted a second (OvhFake:MaxPerSecond); beyond, 429 with Retry-After, as OVH does when pushed. Null: no limit.</summary>
    public int? MaxPerSecond { get; set; }
}

/// <summary>Body of POST /fake/rate-limit: jobs a second before 429 (null: no limit).</summary>
public sealed record FakeRateLimit(int? MaxPerSecond);

public sealed record FakeReply(string Sender, string Message);

/// <summary>The next matching request fails: <see cref="Status"/> (e.g. 429, 500) or, with <see cref="DelayMs"/>, answers late (after doing the
/// work),
/// or, with <see cref="LoseResponse"/>, does the work and drops the connection without answering.</summary>
public sealed record FakeFault(string Method, int? Status, int? DelayMs, bool LoseResponse = false);

/// <summary>Body of POST /fake/fail: for <see cref="Seconds"/>, every OVH API call fails — <c>error</c>: HTTP 500; <c>hang</c>: the
/// connection is held without an answer until the outage ends, then dropped; <c>mixed</c>: one of each in turn.</summary>
public sealed record FakeOutage(int Seconds, string Mode);

/// <summary>Body of POST /fake/queue: accepted jobs stay queued at OVH (GET /sms/{sn}/jobs) before they leave (GET
/// /sms/{sn}/outgoing, then the delivery report) — <see cref="Hold"/>: until the queue is released (hold false);
/// <see cref="DelayMs"/>: for that long (0: they leave at once, the default).</summary>
public sealed record FakeQueue(bool Hold, int? DelayMs);

public sealed record OutgoingSms(long Id, string Receiver, string Sender, string Message, string? Tag, string CreationDatetime, long Ptt,
    long DeliveryReceipt);

public sealed record IncomingSms(long Id, string Sender, string Message, string CreationDatetime, string Tag);

public sealed class FakeSmsCenter(OvhFakeOptions options, ILogger<FakeSmsCenter> logger)
{
    private long _nextId = 10_000_000;
    public ConcurrentDictionary<long, OutgoingSms> Outgoing { get; } = new();
    /// <summary>Jobs accepted and still queued (OVH's GET /sms/{sn}/jobs): they move to <see cref="Outgoing"/> when released.</summary>
    public ConcurrentDictionary<long, OutgoingSms> Jobs { get; } = new();
    private volatile bool _hold;
    private int _queueDelayMs;
    public ConcurrentDictionary<long, IncomingSms> Incoming { get; } = new();
    public ConcurrentQueue<FakeFault> Faults { get; } = new();
    private readonly object _sendLock = new();
    private System.Threading.RateLimiting.RateLimiter? _rate = Limiter(options.MaxPerSecond);
    private long _throttled;
    /// <summary>Jobs answered 429 because of <see cref="OvhFakeOptions.MaxPerSecond"/>.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    public void SetRateLimit(int? maxPerSecond) => Interlocked.Exchange(ref _rate, Limiter(maxPerSecond))?.Dispose();

    private static System.Threading.RateLimiting.FixedWindowRateLimiter? Limiter(int? perSecond) => perSecond is > 0 and var n
        ? new System.Threading.RateLimiting.FixedWindowRateLimiter(new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
        { PermitLimit = n, Window = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true })
        : null;

    public string Body(HttpContext http) => (string)http.Items["body"]!;

    private long _outageUntilTicks;
    private string _outageMode = "error";
    private long _failed, _lostResponses, _turn;
    /// <summary>Calls failed by an outage (<see cref="Fail"/>).</summary>
    public long Failed => Interlocked.Read(ref _failed);
    /// <summary>Jobs accepted whose answer was dropped (<see cref="FakeFault.LoseResponse"/>).</summary>
    public long LostResponses => Interlocked.Read(ref _lostResponses);
    /// <summary>Delivery reports sent to the callback URL: provider id → HTTP status of the last attempt (0: no answer).</summary>
    public ConcurrentDictionary<long, int> DeliveryReports { get; } = new();

    public object Fail(FakeOutage outage)
    {
        _outageMode = outage.Mode;
        var until = DateTimeOffset.UtcNow.AddSeconds(outage.Seconds);
        Interlocked.Exchange(ref _outageUntilTicks, until.UtcTicks);
        return new { until };
    }

    /// <summary>Applies an outage in progress: null when there is none.</summary>
    private async Task<IResult?> OutageAsync(HttpContext http)
    {
        var until = new DateTimeOffset(Interlocked.Read(ref _outageUntilTicks), TimeSpan.Zero);
        if (DateTimeOffset.UtcNow >= until) return null;
        Interlocked.Increment(ref _failed);
        var hang = _outageMode == "hang" || _outageMode == "mixed" && Interlocked.Increment(ref _turn) % 2 == 0;
        if (!hang) return Results.Json(new { message = "Internal server error (injected outage)" }, statusCode: 500);
        try { await Task.Delay(until - DateTimeOffset.UtcNow, http.RequestAborted); } catch (OperationCanceledException) { }
        http.Abort();
        return Results.Empty;
    }

    /// <summary>Verifies the OVH signature and applies an injected fault; returns the error response, or null to go on.</summary>
    public async Task<IResult?> CheckAsync(HttpContext http)
    {
        if (await OutageAsync(http) is { } down) return down;
        http.Request.EnableBuffering();
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        http.Items["body"] = body;
        var h = http.Request.Headers;
        if (h["X-Ovh-Application"] != options.ApplicationKey)
            return Results.Json(new { message = "Invalid application key" }, statusCode: 403);
        if (h["X-Ovh-Consumer"] != options.ConsumerKey)
            return Results.Json(new { message = "Invalid credential" }, statusCode: 403);
        if (!long.TryParse(h["X-Ovh-Timestamp"], out var ts)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) > options.TimestampToleranceSeconds)
            return Results.Json(new { message = "Query out of time" }, statusCode: 400);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}";
        var expected = "$1$" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(
            $"{options.ApplicationSecret}+{options.ConsumerKey}+{http.Request.Method}+{url}+{body}+{ts}")));
        if (h["X-Ovh-Signature"] != expected)
            return Results.Json(new { message = "Invalid signature" }, statusCode: 400);

        if (http.Request.Method == "POST" && _rate is { } rate)
        {
            using var lease = rate.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                Interlocked.Increment(ref _throttled);
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { message = "Too many requests" }, statusCode: 429);
            }
        }
        if (Faults.TryPeek(out var fault) && string.Equals(fault.Method, http.Request.Method, StringComparison.OrdinalIgnoreCase)
            && Faults.TryDequeue(out fault))
        {
            if (fault.Status is { } status) return Results.Json(new { message = "Injected fault" }, statusCode: status);
            if (fault.DelayMs is { } delay) http.Items["delay"] = delay;
            if (fault.LoseResponse)
            {
                http.Items["lose"] = true;
                Interlocked.Increment(ref _lostResponses);
            }
        }
        if (http.Items.TryGetValue("delay", out var d) && d is int ms)
            http.Response.OnStarting(() => Task.Delay(ms)); // the work is done, the answer is late: a timeout the caller must survive
        return null;
    }

    public object Accept(JsonNode job, List<string> receivers, string message, IHttpClientFactory http)
    {
        var tag = job["tag"]?.GetValue<string>();
        var sender = job["sender"]?.GetValue<string>() ?? "";
        var ids = new List<long>();
        var valid = new List<string>();
        var invalid = new List<string>();
        lock (_sendLock)
        {
            foreach (var r in receivers)
            {
                if (!r.StartsWith('+') || r.Length < 8) { invalid.Add(r); continue; }
                var id = Interlocked.Increment(ref _nextId);
                var sms = new OutgoingSms(id, r, sender, message, tag, DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:sszzz"), 1, 0);
                if (_hold || _queueDelayMs > 0) Jobs[id] = sms;
                else Outgoing[id] = sms;
                ids.Add(id);
                valid.Add(r);
            }
        }
        _http = http;
        foreach (var id in ids)
            if (!Jobs.ContainsKey(id)) _ = ReportDeliveryAsync(id, http);
            else if (!_hold) _ = ReleaseLaterAsync(id, _queueDelayMs);
        return new { totalCreditsRemoved = ids.Count, ids, validReceivers = valid, invalidReceivers = invalid, tag };
    }

    private IHttpClientFactory? _http;

    /// <summary>Holds accepted jobs in the queue, or lets them leave after a delay; releasing the hold sends every queued job.</summary>
    public object SetQueue(FakeQueue queue)
    {
        _queueDelayMs = queue.DelayMs ?? 0;
        _hold = queue.Hold;
        if (!queue.Hold)
            foreach (var id in Jobs.Keys.Order()) Release(id);
        return new { hold = _hold, delayMs = _queueDelayMs, queued = Jobs.Count };
    }

    private async Task ReleaseLaterAsync(long id, int delayMs)
    {
        await Task.Delay(delayMs);
        if (!_hold) Release(id);
    }

    /// <summary>The queued job leaves: it is in /outgoing from now on and its delivery report follows.</summary>
    private void Release(long id)
    {
        if (!Jobs.TryRemove(id, out var sms)) return;
        Outgoing[id] = sms;
        if (_http is { } http) _ = ReportDeliveryAsync(id, http);
    }

    public IncomingSms Reply(FakeReply reply)
    {
        var id = Interlocked.Increment(ref _nextId);
        var sms = new IncomingSms(id, reply.Sender, reply.Message, DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:sszzz"), "");
        Incoming[id] = sms;
        return sms;
    }

    private async Task ReportDeliveryAsync(long id, IHttpClientFactory http)
    {
        await Task.Delay(200);
        if (Outgoing.TryGetValue(id, out var m)) Outgoing[id] = m with { Ptt = 13, DeliveryReceipt = 1 };
        if (options.DeliveryReportUrl is not { Length: > 0 } url) return;
        var sep = url.Contains('?') ? '&' : '?';
        var date = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss"));
        var report = $"{url}{sep}id={id}&ptt=13&dlr=1&date={date}&description=Delivered";
        try
        {
            using var response = await http.CreateClient().GetAsync(report);
            DeliveryReports[id] = (int)response.StatusCode;
            var level = response.IsSuccessStatusCode ? LogLevel.Debug : LogLevel.Warning;
            if (logger.IsEnabled(level)) // no boxing nor argument array per SMS for a line filtered out
                logger.Log(level, "Delivery report {Id} → {Status}", id, (int)response.StatusCode); // refusals stay in the log (burst counts 5xx)
        }
        catch (Exception ex)
        {
            DeliveryReports[id] = 0;
            logger.LogWarning("Delivery report {Id} failed: {Error}", id, ex.Message);
        }
    }
}
