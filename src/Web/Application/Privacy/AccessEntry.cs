namespace FollowUp.Web.Application.Privacy;

/// <summary>One line of the access journal (table access_log). <see cref="Channel"/>: "UI" or "API".</summary>
public sealed record AccessEntry(Guid EntryId, DateTimeOffset At, string User, string Role, string Action, string? ObjectType, string? ObjectId,
    string? Detail, string Channel, string? Ip);
