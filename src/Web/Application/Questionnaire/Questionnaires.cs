using System.Globalization;

namespace FollowUp.Web.Application.Questionnaire;

public enum QuestionKind { YesNo, Choice, Acknowledge, Date }

/// <summary>One question of a questionnaire; its texts are resources "Q_{Key}" (and "Q_{Key}_{option}", "Q_{Key}_Help").</summary>
public sealed record Question(string Key, QuestionKind Kind, bool Required, params string[] Options);

/// <summary>The questionnaire link's target: which person and milestone, and whether it still takes answers.</summary>
public sealed record QuestionnaireLink(Guid PersonId, string MilestoneId, MilestoneType Milestone, string Language, string FirstName, bool Open,
    PersonKind Kind,
    DateOnly? RecommendedTestDate = null);

/// <summary>
/// The questionnaires (one per milestone type, the tender's questions) and their links. Answers go to the person grain,
/// which applies them exactly as an operator's (the protocol decides whether a call is still needed).
/// </summary>
public sealed class Questionnaires(QuestionnaireTokenQueries tokens, IClusterClient cluster, PlatformClock clock)
{
    private static readonly string[] Difficulties = ["none", "housing", "food", "care", "other"];

    public static IReadOnlyList<Question> For(MilestoneType type) => type switch
    {
        MilestoneType.J2 =>
        [
            new("consent", QuestionKind.YesNo, true),
            new("rulesReminded", QuestionKind.Acknowledge, true),
            new("difficulty", QuestionKind.Choice, true, Difficulties),
            new("sociallyVulnerable", QuestionKind.YesNo, true),
            new("preferredCallWindow", QuestionKind.Choice, false, "morning", "midday", "afternoon", "evening"),
        ],
        MilestoneType.J4 =>
        [
            new("compliance", QuestionKind.Choice, true, "yes", "partly", "no"),
            new("difficulty", QuestionKind.Choice, true, Difficulties),
        ],
        MilestoneType.J7 or MilestoneType.J7TestFollowUp =>
        [
            new("testResult", QuestionKind.Choice, true, "negative", "positive", "notReceived", "notDone"),
            new("symptoms", QuestionKind.YesNo, true),
        ],
        _ =>
        [
            new("isolationEnded", QuestionKind.YesNo, true),
            new("isolationProlongedUntil", QuestionKind.Date, false),
        ],
    };

    /// <summary>The link's target, or null when the token is unknown or expired (the two are never told apart).</summary>
    public async Task<QuestionnaireLink?> FindAsync(string token)
    {
        if (token.Length is < 16 or > 64) return null;
        var hash = QuestionnaireTokens.Hash(token);
        if (await tokens.FindAsync(hash) is not { } r || r.ExpiresAt <= await clock.NowAsync()) return null;
        var person = await cluster.GetGrain<IPersonGrain>(r.PersonId).Get();
        if (person is null) return null;
        var m = person.Milestones.FirstOrDefault(x => x.Id == r.MilestoneId);
        var open = m is not null && person.Status == "active" && m.Outcome is null && m.Sms.AnsweredAt is null;
        return new QuestionnaireLink(r.PersonId, r.MilestoneId, Enum.Parse<MilestoneType>(r.Milestone), person.Language, person.FirstName, open,
            person.Kind, person.RecommendedTestDate);
    }

    /// <summary>Reads the form; returns the answers, or the keys of the questions answered wrongly or not at all.</summary>
    public static (Answers? Answers, List<string> Missing) Read(MilestoneType type, IFormCollection form)
    {
        var missing = new List<string>();
        var a = new Answers();
        foreach (var q in For(type))
        {
            var v = form[q.Key].ToString();
            if (string.IsNullOrEmpty(v)) { if (q.Required) missing.Add(q.Key); continue; }
            bool? yes = v switch { "yes" or "true" => true, "no" or "false" => false, _ => null };
            switch (q.Key)
            {
                case "consent": a = a with { Consent = yes }; break;
                case "rulesReminded": a = a with { RulesReminded = yes }; break;
                case "sociallyVulnerable": a = a with { SociallyVulnerable = yes }; break;
                case "symptoms": a = a with { Symptoms = yes }; break;
                case "isolationEnded": a = a with { IsolationEnded = yes }; break;
                case "difficulty": a = a with { Difficulty = ParseEnum<Difficulty>(v) }; break;
                case "compliance": a = a with { Compliance = ParseEnum<Compliance>(v) }; break;
                case "testResult": a = a with { TestResult = ParseEnum<TestResult>(v) }; break;
                case "preferredCallWindow": a = a with { PreferredCallWindow = v }; break;
                case "isolationProlongedUntil":
                    a = a with
                    {
                        IsolationProlongedUntil = DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                        out var d) ? d : null
                    };
                    if (a.IsolationProlongedUntil is null) missing.Add(q.Key);
                    break;
            }
            if (q.Kind is QuestionKind.YesNo or QuestionKind.Acknowledge && yes is null) missing.Add(q.Key);
            if (q.Kind == QuestionKind.Choice && !q.Options.Contains(v)) missing.Add(q.Key);
        }
        return missing.Count == 0 ? (a, missing) : (null, missing);
    }

    public Task<bool> SubmitAsync(QuestionnaireLink link, Answers answers) =>
        cluster.GetGrain<IPersonGrain>(link.PersonId).SubmitQuestionnaire(link.MilestoneId, answers);

    private static T? ParseEnum<T>(string v) where T : struct, Enum => Enum.TryParse<T>(v, ignoreCase: true, out var x) ? x : null;
}
