using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>Anchor dates (issue 16): what the J-days count from, and the recommended test date of contacts.</summary>
public class AnchorTests
{
    private static readonly DateOnly Monday = D("2026-11-23");
    private static readonly ProtocolSettings FromIsolation = ProtocolSettings.Default with { Anchor = ProtocolAnchor.IsolationStartDate };

    [Theory]
    // anchor setting        kind     isolation start  vulnerable  expected plan (id:date)                                             expected J0
    [InlineData("inclusion", "contact", null, false, "J2:2026-11-25,J7:2026-11-30", "2026-11-23")]
    [InlineData("inclusion", "contact", "2026-11-21", false, "J2:2026-11-25,J7:2026-11-30", "2026-11-23")] // default: isolation start shown, not used
    [InlineData("isolation", "contact", "2026-11-21", false, "J2:2026-11-23,J7:2026-11-28", "2026-11-21")]
    [InlineData("isolation", "case", "2026-11-22", true, "J2:2026-11-24,J4:2026-11-26,J9:2026-12-01", "2026-11-22")]
    [InlineData("isolation", "case", null, false, "J2:2026-11-25,J9:2026-12-02", "2026-11-23")] // no isolation start: inclusion
    public void Milestones_count_from_the_configured_anchor(string anchor, string kind, string? isolation, bool vulnerable, string plan, string j0)
    {
        var d = new ProtocolDriver(kind == "case" ? PersonKind.Case : PersonKind.Contact, Monday, vulnerable,
            settings: anchor == "isolation" ? FromIsolation : null, isolationStart: isolation is null ? null : D(isolation));
        Assert.Equal(plan, string.Join(",", d.State.Milestones.OrderBy(m => m.DueDate).Select(m => $"{m.Id}:{m.DueDate:yyyy-MM-dd}")));
        Assert.Equal(D(j0), d.State.J0);
        Assert.Equal(isolation is not null && anchor == "isolation" ? ProtocolAnchor.IsolationStartDate : ProtocolAnchor.InclusionDate,
            d.State.Anchor);
        Assert.Equal(isolation is null ? null : D(isolation), d.State.IsolationStartDate);
    }

    [Fact]
    public void A_J2_already_past_by_the_anchor_gets_its_sms_at_once()
    {
        // Isolation started five days before the CPAM call: J2 is in the past at inclusion (10:00) → SMS now.
        var d = new ProtocolDriver(PersonKind.Contact, Monday, settings: FromIsolation, isolationStart: D("2026-11-18"));
        Assert.Equal(D("2026-11-20"), d.M("J2").DueDate);
        Assert.Single(d.SentSms);
        Assert.Equal(At(Monday, 10, 0), d.M("J2").Sms.SentAt);
    }

    [Fact]
    public void Vulnerability_found_at_J2_adds_J4_from_the_anchor()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday, settings: FromIsolation, isolationStart: D("2026-11-22"));
        d.RunUntil(At(D("2026-11-24"), 10, 0));
        d.Answer("J2", new Answers { Consent = true, RulesReminded = true, Difficulty = Difficulty.None, SociallyVulnerable = true });
        Assert.Equal(D("2026-11-26"), d.M("J4").DueDate);
    }

    [Theory]
    // kind      last contact   expected recommended test
    [InlineData("contact", "2026-11-20", "2026-11-27")]
    [InlineData("contact", null, null)]
    [InlineData("case", "2026-11-20", null)] // cases have no last contact
    public void Recommended_test_date_is_the_last_contact_plus_seven(string kind, string? lastContact, string? expected)
    {
        var d = new ProtocolDriver(kind == "case" ? PersonKind.Case : PersonKind.Contact, Monday,
            lastContact: lastContact is null ? null : D(lastContact));
        Assert.Equal(expected is null ? null : D(expected), d.State.RecommendedTestDate);
    }

    [Fact]
    public void Last_contact_date_set_on_the_record_moves_the_recommended_test()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        FollowUpProtocol.SetLastContactDate(d.State, D("2026-11-22"), d.Now, Actors.Staff("sup"));
        Assert.Equal(D("2026-11-29"), d.State.RecommendedTestDate);
        Assert.True(d.Has("lastContactDateSet"));
    }
}
