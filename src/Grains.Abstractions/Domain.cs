using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace FollowUp;

/// <summary>Malade (cas confirmé) or personne contact à risque.</summary>
public enum PersonKind { Case, Contact }

/// <summary>Prise de contact. Serialized with these exact names (J2, J7TestFollowUp, …).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MilestoneType>))]
public enum MilestoneType { J2, J4, J7, J7TestFollowUp, J9 }

public enum CallOutcome { Reached, NoAnswer, Busy, Voicemail, WrongNumber, CallbackRequested, Refused, Dropout }

public enum Difficulty { None, Housing, Food, Care, Other }

public enum Compliance { Yes, Partly, No }

public enum TestResult { Negative, Positive, NotReceived, NotDone }

/// <summary>Why a follow-up ended.</summary>
public enum EndReason { Completed, Refused, Dropout, Hospitalised, Deceased, Moved, Other }

/// <summary>Who caused a timeline event.</summary>
public static class Actors
{
    public const string System = "system";
    public const string Sms = "sms";
    public const string Questionnaire = "questionnaire";
    public static string Operator(string userName) => "operator:" + userName;
    public static string Staff(string userName) => "staff:" + userName;
    public static string Import(string userName) => "import:" + userName;
    /// <summary>An integration through the API: the key's name (the bootstrap key FOLLOWUP_API_KEY is "bootstrap").</summary>
    public static string Api(string keyName) => "api:" + keyName;
    /// <summary>An integration acting on calls for an operator.</summary>
    public static string ApiFor(string keyName, string operatorId) => $"api:{keyName} for {operatorId}";
}

/// <summary>What the person told us, by questionnaire or by phone. Every field is optional.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.Answers")]
public sealed record Answers
{
    [Id(0)] public bool? Consent { get; init; }
    [Id(1)] public bool? RulesReminded { get; init; }
    [Id(2)] public Difficulty? Difficulty { get; init; }
    [Id(3)] public bool? SociallyVulnerable { get; init; }
    [Id(4)] public Compliance? Compliance { get; init; }
    [Id(5)] public TestResult? TestResult { get; init; }
    [Id(6)] public bool? Symptoms { get; init; }
    [Id(7)] public bool? IsolationEnded { get; init; }
    [Id(8)] public DateOnly? IsolationProlongedUntil { get; init; }
    [Id(9)] public bool? SupportNeeded { get; init; }
    /// <summary>Preferred call window: morning, midday, afternoon, evening or "HH:mm-HH:mm" (see <see cref="CallWindows"/>).</summary>
    [Id(10)] public string? PreferredCallWindow { get; init; }
    /// <summary>Referred to the department's mobile team (équipes mobiles, J4), recorded like the CTAI referral.</summary>
    [Id(11)] public bool? MobileTeamNeeded { get; init; }

    public static readonly Answers Empty = new();
}

[GenerateSerializer, Immutable, Alias("FollowUp.InclusionRequest")]
public sealed record InclusionRequest(
    [property: Id(0)] string ExternalId,
    [property: Id(1)] PersonKind Kind,
    [property: Id(2)] string FirstName,
    [property: Id(3)] string LastName,
    [property: Id(4)] string Phone,
    [property: Id(5)] DateOnly? BirthDate,
    [property: Id(6)] string Department,
    [property: Id(7)] DateOnly InclusionDate,
    [property: Id(8)] bool SociallyVulnerable,
    [property: Id(9)] string Language,
    [property: Id(10)] bool PhoneIsMobile,
    [property: Id(11)] string Actor,
    [property: Id(12)] DateOnly? IsolationStartDate = null,
    [property: Id(13)] DateOnly? LastContactDate = null);

[GenerateSerializer, Immutable, Alias("FollowUp.InclusionResult")]
public sealed record InclusionResult([property: Id(0)] Guid Id, [property: Id(1)] bool Created);

public static class PersonIds
{
    /// <summary>The person's id is derived from its externalId, so the same externalId always reaches the same grain.</summary>
    public static Guid FromExternalId(string externalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("followup/person/" + externalId.Trim()));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-like (name based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>Call ids carry their person id so any web node can route them: "{personId:N}-{suffix}".</summary>
    public static bool TryParseCallId(string callId, out Guid personId)
    {
        personId = default;
        return callId.Length > 33 && callId[32] == '-' && Guid.TryParseExact(callId[..32], "N", out personId);
    }
}

/// <summary>Questionnaire links: a 128-bit random token in the SMS, only its SHA-256 in the database.</summary>
public static class QuestionnaireTokens
{
    public static (string Token, byte[] Hash) New()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
