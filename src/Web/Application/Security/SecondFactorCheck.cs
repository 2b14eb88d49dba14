namespace FollowUp.Web.Application.Security;

/// <summary>The result of a second-factor code at sign-in.</summary>
public enum SecondFactorCheck
{
    /// <summary>A TOTP code of a step not used before.</summary>
    Totp,
    /// <summary>One of the account's recovery codes, now consumed.</summary>
    RecoveryCode,
    /// <summary>Wrong, reused or malformed code (counted towards the lockout).</summary>
    Failed,
    /// <summary>The account is locked, disabled or has no factor: refused without checking.</summary>
    Refused,
}
