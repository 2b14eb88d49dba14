using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Application.Questionnaire;

/// <summary>Answers as short localized "label: value" items, for the record page and the call screen.</summary>
public static class AnswerFormat
{
    public static IEnumerable<string> Items(Answers? a, IStringLocalizer t)
    {
        if (a is null) yield break;
        string YesNo(bool v) => t[v ? "Yes" : "No"];
        if (a.Consent is { } c) yield return $"{t["A_consent"]} : {YesNo(c)}";
        if (a.RulesReminded is { } r) yield return $"{t["A_rulesReminded"]} : {YesNo(r)}";
        if (a.Difficulty is { } d) yield return $"{t["A_difficulty"]} : {t["Q_difficulty_" + Camel(d)]}";
        if (a.SociallyVulnerable is { } v) yield return $"{t["A_sociallyVulnerable"]} : {YesNo(v)}";
        if (a.Compliance is { } co) yield return $"{t["A_compliance"]} : {t["Q_compliance_" + Camel(co)]}";
        if (a.TestResult is { } tr) yield return $"{t["A_testResult"]} : {t["Q_testResult_" + Camel(tr)]}";
        if (a.Symptoms is { } s) yield return $"{t["A_symptoms"]} : {YesNo(s)}";
        if (a.IsolationEnded is { } e) yield return $"{t["A_isolationEnded"]} : {YesNo(e)}";
        if (a.IsolationProlongedUntil is { } u) yield return $"{t["A_isolationProlongedUntil"]} : {u:dd/MM/yyyy}";
        if (a.PreferredCallWindow is { } w) yield return $"{t["A_preferredCallWindow"]} : " +
            $"{(t["Q_preferredCallWindow_" + w] is { ResourceNotFound: false } wl ? wl.Value : w)}";
        if (a.MobileTeamNeeded is { } mt) yield return $"{t["A_mobileTeamNeeded"]} : {YesNo(mt)}";
    }

    private static string Camel<T>(T value) where T : Enum { var s = value.ToString(); return char.ToLowerInvariant(s[0]) + s[1..]; }
}
