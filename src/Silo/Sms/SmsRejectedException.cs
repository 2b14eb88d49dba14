namespace FollowUp.Silo.Sms;

/// <summary>The SMS provider refused the message for good (e.g. invalid number): resending will not help.</summary>
public sealed class SmsRejectedException(string message) : Exception(message);
