namespace FollowUp.Web.Application.Questionnaire;

/// <summary>Server-side length limits of free-text fields (characters).</summary>
public static class FreeText
{
    public const int Reason = 500;
    public const int Note = 4000;
    public const int Name = 100;
}
