using System.Globalization;
using System.Text.Json;

namespace FollowUp.Web.Application.Calls;

/// <summary>
/// Reads a call's outcome (API JSON or console form) into an <see cref="OutcomeRequest"/>, naming every wrong value,
/// and records it through the person grain (the claim's arbiter).
/// </summary>
public sealed class CallOutcomes(IClusterClient cluster)
{
    public static readonly string[] Outcomes = ["reached", "noAnswer", "busy", "voicemail", "wrongNumber", "callbackRequested", "refused", "dropout"];
    public static readonly string[] RefusalReasons = ["notConcerned", "alreadyFollowed", "privacy", "noTime", "other"];
    public static readonly string[] DropoutReasons = ["hospitalised", "moved", "stopsAnswering", "deceased", "other"];
    private static readonly string[] BoolAnswers = ["consent", "rulesReminded", "sociallyVulnerable", "symptoms", "isolationEnded", "supportNeeded",
        "mobileTeamNeeded"];
    private static readonly Dictionary<string, string[]> EnumAnswers = new()
    {
        ["difficulty"] = ["none", "housing", "food", "care", "other"],
        ["compliance"] = ["yes", "partly", "no"],
        ["testResult"] = ["negative", "positive", "notReceived", "notDone"],
    };

    /// <summary>Reads the answer fields given as strings ("true"/"false", enum names, yyyy-MM-dd); empty means not asked.</summary>
    public static Answers ReadAnswers(IEnumerable<KeyValuePair<string, string?>> fields, Dictionary<string, string[]> errors)
    {
        var a = new Answers();
        foreach (var (key, raw) in fields)
        {
            var v = raw?.Trim();
            if (string.IsNullOrEmpty(v)) continue;
            if (BoolAnswers.Contains(key))
            {
                bool? b = v is "true" or "yes" or "oui" ? true : v is "false" or "no" or "non" ? false : null;
                if (b is null) { errors[$"answers.{key}"] = [Texts.Get("Err_NotBool", v)]; continue; }
                a = key switch
                {
                    "consent" => a with { Consent = b },
                    "rulesReminded" => a with { RulesReminded = b },
                    "sociallyVulnerable" => a with { SociallyVulnerable = b },
                    "symptoms" => a with { Symptoms = b },
                    "isolationEnded" => a with { IsolationEnded = b },
                    "mobileTeamNeeded" => a with { MobileTeamNeeded = b },
                    _ => a with { SupportNeeded = b },
                };
            }
            else if (EnumAnswers.TryGetValue(key, out var allowed))
            {
                if (!allowed.Contains(v)) { errors[$"answers.{key}"] = [Texts.Get("Err_NotOneOf", v, string.Join(", ", allowed))]; continue; }
                a = key switch
                {
                    "difficulty" => a with { Difficulty = Enum.Parse<Difficulty>(v, true) },
                    "compliance" => a with { Compliance = Enum.Parse<Compliance>(v, true) },
                    _ => a with { TestResult = Enum.Parse<TestResult>(v, true) },
                };
            }
            else if (key == "isolationProlongedUntil")
            {
                if (DateOnly.TryParseExact(v, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var d)) a = a with { IsolationProlongedUntil = d };
                else errors["answers.isolationProlongedUntil"] = [Texts.Get("Err_NotIsoDate", v)];
            }
            else if (key == "preferredCallWindow")
            {
                if (CallWindows.TryParse(v, out _, out _, out var window)) a = a with { PreferredCallWindow = window };
                else errors["answers.preferredCallWindow"] = [Texts.Get("Err_CallWindow", v)];
            }
            else errors[$"answers.{key}"] = [Texts.Get("Err_UnknownAnswer")];
        }
        return a;
    }

    public static (OutcomeRequest? Request, Dictionary<string, string[]> Errors) Read(string? outcome, string? reason, string? callbackAt,
        IEnumerable<KeyValuePair<string, string?>> answers)
    {
        var errors = new Dictionary<string, string[]>();
        CallOutcome? o = null;
        if (string.IsNullOrWhiteSpace(outcome)) errors["outcome"] = [Texts.Get("Err_Required")];
        else if (!Outcomes.Contains(outcome)) errors["outcome"] = [Texts.Get("Err_NotOneOf", outcome, string.Join(", ", Outcomes))];
        else o = Enum.Parse<CallOutcome>(outcome, true);
        DateTimeOffset? cb = null;
        if (!string.IsNullOrWhiteSpace(callbackAt))
        {
            if (DateTimeOffset.TryParse(callbackAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var c)) cb = c;
            else errors["callbackAt"] = [Texts.Get("Err_NotDateTime", callbackAt)];
        }
        if (o == CallOutcome.CallbackRequested && cb is null
            && !errors.ContainsKey("callbackAt")) errors["callbackAt"] = [Texts.Get("Err_CallbackRequired")];
        if (o is CallOutcome.Refused or CallOutcome.Dropout && string.IsNullOrWhiteSpace(reason)) errors["reason"] = [Texts.Get("Err_ReasonRequired",
            outcome!)];
        else if (reason?.Trim().Length > FreeText.Reason) errors["reason"] = [SecurityTexts.Get("Err_TooLong", FreeText.Reason)];
        var a = ReadAnswers(answers, errors);
        return errors.Count > 0 || o is null ? (null, errors) : (new OutcomeRequest(o.Value, reason?.Trim(), a, cb), errors);
    }

    /// <summary>API body: {outcome, reason?, answers{…}, callbackAt?}.</summary>
    public static (OutcomeRequest? Request, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        string? Str(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var p)
            && p.ValueKind != JsonValueKind.Null
            ? p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText() : null;
        var answers = new List<KeyValuePair<string, string?>>();
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("answers", out var ans) && ans.ValueKind == JsonValueKind.Object)
            foreach (var p in ans.EnumerateObject())
                answers.Add(new(p.Name, p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => null,
                    _ => p.Value.GetRawText(),
                }));
        return Read(Str("outcome"), Str("reason"), Str("callbackAt"), answers);
    }

    /// <summary>
    /// Records the outcome. The request carries its id (a new one when the caller gave none), so the cluster may send it
    /// again after a lost answer and get the first answer back, not a conflict.
    /// </summary>
    public async Task<CallActionResult> RecordAsync(string callId, string? operatorId, OutcomeRequest request) =>
        PersonIds.TryParseCallId(callId, out var personId)
            ? await cluster.GetGrain<IPersonGrain>(personId).RecordOutcome(callId, operatorId,
                request with { RequestId = request.RequestId ?? Guid.NewGuid() })
            : new CallActionResult(CallActionStatus.NotFound, "Unknown call id.");

    /// <summary>At most this many characters in an <c>Idempotency-Key</c> header.</summary>
    public const int IdempotencyKeyMaxLength = 200;

    /// <summary>
    /// The request id of a client's <c>Idempotency-Key</c>, scoped to who sends it (an API key, an operator): the same key
    /// sent again by the same client is the same request; the same key from another client is not.
    /// </summary>
    public static Guid RequestIdOf(string scope, string idempotencyKey) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope + "\n" + idempotencyKey)).AsSpan(0, 16));

    public async Task<CallActionResult> StartAsync(string callId, string? operatorId) =>
        PersonIds.TryParseCallId(callId, out var personId)
            ? await cluster.GetGrain<IPersonGrain>(personId).StartCall(callId, operatorId)
            : new CallActionResult(CallActionStatus.NotFound, "Unknown call id.");

    public static IResult ToHttp(CallActionResult r, object? ok = null) => r.Status switch
    {
        CallActionStatus.Ok => Results.Ok(ok ?? new { status = "ok" }),
        CallActionStatus.NotFound => Results.Problem(r.Message, statusCode: 404),
        CallActionStatus.Invalid => Results.Problem(r.Message, statusCode: 400),
        _ => Results.Problem(r.Message, statusCode: 409, title: r.Status == CallActionStatus.Expired ? "Claim expired" : "Conflict"),
    };
}
