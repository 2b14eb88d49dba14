namespace FollowUp.Web.Application.Privacy;

/// <summary>The actions of the access journal (values of access_log.action, shown on "Journal d'accès" and in the API).</summary>
public static class AccessActions
{
    // Reads of a person's data
    public const string RecordRead = "recordRead";
    public const string SearchResultOpened = "searchResultOpened";
    public const string CallScreenRead = "callScreenRead";
    public const string PersonRead = "personRead";
    public const string Search = "search";
    // Exports and downloads
    public const string ReportDownloaded = "reportDownloaded";
    public const string RejectsDownloaded = "rejectsDownloaded";
    public const string PersonExported = "personExported";
    public const string AccessLogExported = "accessLogExported";
    // Changes (those of a person are also on its timeline)
    public const string PersonIncluded = "personIncluded";
    public const string PersonChanged = "personChanged";
    public const string CallOutcome = "callOutcome";
    public const string ImportStarted = "importStarted";
    public const string PersonErased = "personErased";
    // Administration
    public const string OpeningHoursChanged = "openingHoursChanged";
    public const string CallPrioritiesChanged = "callPrioritiesChanged";
    public const string AccountCreated = "accountCreated";
    public const string CtaiChanged = "ctaiChanged";
    public const string PurgeStarted = "purgeStarted";
    public const string TextsChanged = "textsChanged";
    public const string IndicatorsChanged = "indicatorsChanged";
    // Sign-in
    public const string SignIn = "signIn";
    public const string SignInFailed = "signInFailed";
    public const string SecondFactor = "secondFactor";
    public const string SecondFactorFailed = "secondFactorFailed";
    public const string SecondFactorEnrolled = "secondFactorEnrolled";
    public const string RecoveryCodeUsed = "recoveryCodeUsed";
    public const string SecondFactorReset = "secondFactorReset";

    /// <summary>The reads listed under "Consultations de ce dossier".</summary>
    public static readonly string[] PersonReads = [RecordRead, SearchResultOpened, CallScreenRead, PersonRead, PersonExported];

    public static readonly string[] All = [RecordRead, SearchResultOpened, CallScreenRead, PersonRead, Search, ReportDownloaded, RejectsDownloaded,
        PersonExported, AccessLogExported, PersonIncluded, PersonChanged, CallOutcome, ImportStarted, PersonErased, OpeningHoursChanged,
        CallPrioritiesChanged, AccountCreated, CtaiChanged, PurgeStarted, TextsChanged, IndicatorsChanged, SignIn, SignInFailed, SecondFactor,
            SecondFactorFailed,
        SecondFactorEnrolled, RecoveryCodeUsed, SecondFactorReset];
}
