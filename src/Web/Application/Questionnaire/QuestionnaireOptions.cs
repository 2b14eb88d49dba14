namespace FollowUp.Web.Application.Questionnaire;

/// <summary><c>FollowUp:Questionnaire</c>: how often the public questionnaire may be asked, per client IP and per link.</summary>
public sealed class QuestionnaireOptions : ISectionOptions
{
    public static string Section => "FollowUp:Questionnaire";

    public int PerIpPerMinute { get; set; } = 60;

    public int PerTokenPerMinute { get; set; } = 20;

    public IEnumerable<string> Problems()
    {
        if (PerIpPerMinute < 1) yield return $"FollowUp:Questionnaire:PerIpPerMinute must be at least 1 (got {PerIpPerMinute}).";
        if (PerTokenPerMinute < 1) yield return $"FollowUp:Questionnaire:PerTokenPerMinute must be at least 1 (got {PerTokenPerMinute}).";
    }
}
