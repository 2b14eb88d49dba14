using FollowUp.Web;
using FollowUp.Web.Application;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Application.Persons;

public class TimelineFormatTests
{
    private static readonly IStringLocalizer T = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static string Detail(string evt, string detail)
    {
        using var _ = UiCulture.Use("fr-FR");
        return TimelineFormat.Detail(new TimelineEntry(DateTimeOffset.UnixEpoch, evt, Actors.System, detail), T);
    }

    [Theory]
    [InlineData("callDue", "J7:noMobile:2026-12-01T08:00:00Z", "J7 · pas de mobile · 01/12 09:00")]     // Paris time (winter)
    [InlineData("callDue", "J2:noAnswer:2026-06-26T10:00:00Z", "J2 · questionnaire sans réponse · 26/06 12:00")] // summer time
    [InlineData("retryScheduled", "J2:2026-11-26T14:05:00Z", "J2 · 26/11 15:05")]
    [InlineData("milestoneScheduled", "J9-2:2026-12-04", "J9-2 · 04/12/2026")]
    [InlineData("callOutcome", "J2:NoAnswer:1:120:", "J2 · Pas de réponse · essai 1 · 2 min 00")]
    [InlineData("callOutcome", "J2:Refused:2:245:notConcerned: déjà isolé",
        "J2 · Refus · essai 2 · 4 min 05 · Ne se sent pas concerné(e) : déjà isolé")]
    [InlineData("followUpEnded", "Refused:consentRefused", "Refus de suivi · Consentement refusé (questionnaire)")]
    [InlineData("ctaiReferral", "J2:13:housing", "J2 · 13 · logement")]
    [InlineData("included", "contact", "Personne contact")]
    [InlineData("smsReply", "Merci: ok", "Merci: ok")]
    public void Details_read_as_French_sentences(string evt, string detail, string expected) => Assert.Equal(expected, Detail(evt, detail));

    [Fact]
    public void Actors_show_the_user_or_a_label()
    {
        Assert.Equal("op1", TimelineFormat.Actor(Actors.Operator("op1"), T));
        Assert.Equal("Système", TimelineFormat.Actor(Actors.System, T));
        Assert.Equal("Import (sup1)", TimelineFormat.Actor(Actors.Import("sup1"), T));
    }

    [Theory]
    [InlineData("+33612345678", "06 12 34 56 78")]
    [InlineData("+262692123456", "+262 692 12 34 56")]
    [InlineData("", "")]
    public void Phones_are_shown_as_operators_dial_them(string e164, string shown) => Assert.Equal(shown, Inclusion.DisplayPhone(e164));
}
