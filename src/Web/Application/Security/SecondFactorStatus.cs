namespace FollowUp.Web.Application.Security;

/// <summary>Whether an account has a second factor, and how many of its recovery codes are left.</summary>
public sealed record SecondFactorStatus(bool Enabled, int RecoveryCodesLeft);
