namespace FollowUp.Tests;

/// <summary>
/// The one inclusion builder of the tests and benchmarks: a valid contact with a mobile phone, changed with
/// <c>with { … }</c> for what a test is about, instead of twelve positional arguments.
/// </summary>
public static class Inclusions
{
    /// <summary>A contact included on <paramref name="inclusionDate"/> in the Bouches-du-Rhône, French, on a mobile, not vulnerable.</summary>
    public static InclusionRequest Contact(string externalId, DateOnly inclusionDate, string department = "13") => new(
        ExternalId: externalId,
        Kind: PersonKind.Contact,
        FirstName: "Jeanne",
        LastName: "Martin",
        Phone: "+33612345678",
        BirthDate: null,
        Department: department,
        InclusionDate: inclusionDate,
        SociallyVulnerable: false,
        Language: "fr",
        PhoneIsMobile: true,
        Actor: Actors.System);

    /// <summary>A confirmed case, otherwise like <see cref="Contact"/>.</summary>
    public static InclusionRequest Case(string externalId, DateOnly inclusionDate, string department = "13") =>
        Contact(externalId, inclusionDate, department) with { Kind = PersonKind.Case };

    /// <summary>On a landline: no SMS, every milestone is a call.</summary>
    public static InclusionRequest OnLandline(this InclusionRequest r) => r with { Phone = "+33491000000", PhoneIsMobile = false };
}
