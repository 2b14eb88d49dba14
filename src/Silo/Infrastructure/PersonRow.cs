namespace FollowUp.Silo.Infrastructure;

/// <summary>A person's row in the persons index, as its grain publishes it.</summary>
public sealed record PersonRow(Guid Id, string ExternalId, string Kind, string FirstName, string LastName, string Phone,
    DateOnly? BirthDate, string Department, DateOnly InclusionDate, bool SociallyVulnerable, string Status, DateTimeOffset? NextWakeAt);
