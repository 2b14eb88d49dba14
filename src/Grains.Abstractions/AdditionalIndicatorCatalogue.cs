namespace FollowUp;

/// <summary>
/// The catalogue of "Informations complémentaires" (CCTP art. 3.2) the ARS picks from (Admin › Indicateurs): stable
/// ids, in the order the report shows them, with their unit. Definitions: README, "Informations complémentaires".
/// </summary>
public static class AdditionalIndicatorCatalogue
{
    public const string SmsAnswerRate = "smsAnswerRate";
    public const string QuestionnaireCompletionRate = "questionnaireCompletionRate";
    public const string SmsDeliveryRate = "smsDeliveryRate";
    public const string CallsByHour = "callsByHour";
    public const string MeanAttemptsPerPersonReached = "meanAttemptsPerPersonReached";
    public const string LateRetries = "lateRetries";
    public const string RetryRate = "retryRate";
    public const string ReachedRate = "reachedRate";
    public const string MeanCallSecondsByType = "meanCallSecondsByType";
    public const string CtaiReferrals = "ctaiReferrals";
    public const string MobileTeamReferrals = "mobileTeamReferrals";

    /// <summary>(id, unit) in reading order.</summary>
    public static readonly IReadOnlyList<(string Id, string Unit)> All =
    [
        (SmsAnswerRate, "percent"), (QuestionnaireCompletionRate, "percent"), (SmsDeliveryRate, "percent"), (CallsByHour, "count"),
        (MeanAttemptsPerPersonReached, "mean"), (LateRetries, "count"), (RetryRate, "percent"), (ReachedRate, "percent"),
        (MeanCallSecondsByType, "seconds"), (CtaiReferrals, "count"), (MobileTeamReferrals, "count"),
    ];

    public static readonly IReadOnlyList<string> Ids = [.. All.Select(x => x.Id)];

    public static bool Contains(string id) => Ids.Contains(id, StringComparer.Ordinal);
}
