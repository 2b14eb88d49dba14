namespace FollowUp.Web.Application.Wording;

/// <summary>One change of an SMS template or call script (message_text_versions): <c>Text</c> null = back to the default.</summary>
public sealed record MessageTextVersion(long Id, string Kind, string Key, string? Text, string? Previous, string Action, long? RestoredFrom,
    string ChangedBy, DateTimeOffset ChangedAt);
