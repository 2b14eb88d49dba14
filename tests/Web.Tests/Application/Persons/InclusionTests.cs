using FollowUp.Web.Application;

namespace FollowUp.Tests.Application.Persons;

public class InclusionTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    [InlineData("06 12 34 56 78", "+33612345678", true)]
    [InlineData("+33 7 81 23 45 67", "+33781234567", true)]
    [InlineData("0033612345678", "+33612345678", true)]
    [InlineData("04 91 12 34 56", "+33491123456", false)]   // landline: no SMS
    [InlineData("+262 692 12 34 56", "+262692123456", true)] // La Réunion mobile
    [InlineData("+596 696 12 34 56", "+596696123456", true)] // Martinique mobile
    public void Phones_are_stored_E164_with_their_mobile_flag(string raw, string e164, bool mobile)
    {
        var (value, isMobile, error) = Inclusion.ParsePhone(raw);
        Assert.Null(error);
        Assert.Equal(e164, value);
        Assert.Equal(mobile, isMobile);
    }

    [Theory]
    [InlineData("", "fr-FR", "obligatoire")]
    [InlineData("12", "fr-FR", "numéro de téléphone non valide")]
    [InlineData("abc", "fr-FR", "ce n'est pas un numéro de téléphone")]
    [InlineData("", "en", "required")]
    [InlineData("12", "en", "not a valid phone number")]
    [InlineData("abc", "en", "not a phone number")]
    public void Bad_phones_are_named_in_the_request_language(string raw, string culture, string message)
    {
        using var _ = UiCulture.Use(culture);
        Assert.Equal(message, Inclusion.ParsePhone(raw).Error);
    }

    [Fact]
    public void French_dates_and_kinds_are_accepted()
    {
        var (request, errors) = Inclusion.Validate(new PersonInput("E1", "cas", " Jeanne ", "Martin", "0612345678", "04/05/1980", "2a", "23/11/2026",
            true, "EN"), Actors.System, Today);
        Assert.Empty(errors);
        Assert.Equal(PersonKind.Case, request!.Kind);
        Assert.Equal("Jeanne", request.FirstName);
        Assert.Equal(new DateOnly(1980, 5, 4), request.BirthDate);
        Assert.Equal("2A", request.Department);
        Assert.Equal(new DateOnly(2026, 11, 23), request.InclusionDate);
        Assert.Equal("en", request.Language);
        Assert.True(request.SociallyVulnerable);
    }

    [Fact]
    public void Every_bad_field_is_reported()
    {
        var (request, errors) = Inclusion.Validate(new PersonInput(null, "malade?", "", null, "1", "2030-01-01", "20", "25/11/2026", null, "de"),
            Actors.System, Today);
        Assert.Null(request);
        Assert.Equal(["externalId", "kind", "firstName", "lastName", "phone", "birthDate", "department", "inclusionDate", "language"],
            errors.Keys.OrderBy(k => k switch
        {
            "externalId" => 0,
            "kind" => 1,
            "firstName" => 2,
            "lastName" => 3,
            "phone" => 4,
            "birthDate" => 5,
            "department" => 6,
            "inclusionDate" => 7,
            _ => 8,
        }));
    }
}
