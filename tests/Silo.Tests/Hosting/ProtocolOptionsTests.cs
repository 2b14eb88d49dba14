using FollowUp.Silo;
using FollowUp.Silo.Protocol;

namespace FollowUp.Tests.Hosting;

public class ProtocolOptionsTests
{
    [Fact]
    public void Unset_keys_give_the_protocols_defaults()
    {
        var settings = SectionOptions.Read<ProtocolOptions>(TestConfig.Of()).Settings();
        var d = ProtocolSettings.Default;
        Assert.Equal((d.SmsTime, d.SmsLatest, d.SmsOnHolidays, d.SmsWait, d.RetryGap, d.RetryMinGap, d.Anchor),
            (settings.SmsTime, settings.SmsLatest, settings.SmsOnHolidays, settings.SmsWait, settings.RetryGap, settings.RetryMinGap,
                settings.Anchor));
        Assert.Equal((d.TestFollowUpDelayDays, d.QuestionnaireValidDays, d.Zone), (settings.TestFollowUpDelayDays, settings.QuestionnaireValidDays,
            settings.Zone));
        Assert.Equal(7, settings.SmsDays.Count);
    }

    [Fact]
    public void Set_keys_are_read_into_the_protocols_settings()
    {
        var settings = SectionOptions.Read<ProtocolOptions>(TestConfig.Of(("FollowUp:Protocol:SmsTime", "10:30"),
            ("FollowUp:Protocol:SmsDays", "Mon,tu,Sat"),
            ("FollowUp:Protocol:SmsWait", "02:00:00"), ("FollowUp:Protocol:Anchor", "isolationStartDate"),
            ("FollowUp:Protocol:TestFollowUpDelayDays", "3"), ("FollowUp:Protocol:SmsOnHolidays", "false"))).Settings();
        Assert.Equal(new TimeOnly(10, 30), settings.SmsTime);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Saturday], settings.SmsDays.Order());
        Assert.Equal(TimeSpan.FromHours(2), settings.SmsWait);
        Assert.Equal(ProtocolAnchor.IsolationStartDate, settings.Anchor);
        Assert.Equal(3, settings.TestFollowUpDelayDays);
        Assert.False(settings.SmsOnHolidays);
    }

    [Fact]
    public void The_old_name_RetryDelay_is_read_when_RetryGap_is_empty()
    {
        Assert.Equal(TimeSpan.FromHours(1),
            SectionOptions.Read<ProtocolOptions>(TestConfig.Of(("FollowUp:Protocol:RetryDelay", "01:00:00"))).Settings().RetryGap);
        Assert.Equal(TimeSpan.FromHours(3), SectionOptions.Read<ProtocolOptions>(TestConfig.Of(("FollowUp:Protocol:RetryDelay", "01:00:00"),
            ("FollowUp:Protocol:RetryGap", "03:00:00"))).Settings().RetryGap);
    }

    [Theory]
    [InlineData("SmsTime", "25:00")]
    [InlineData("SmsLatest", "eight")]
    [InlineData("SmsDays", "Funday")]
    [InlineData("SmsWait", "four hours")]
    [InlineData("RetryGap", "2h")]
    [InlineData("RetryDelay", "2h")]
    [InlineData("RetryMinGap", "-")]
    [InlineData("Anchor", "birthDate")]
    [InlineData("TestFollowUpDelayDays", "0")]
    [InlineData("QuestionnaireValidDays", "0")]
    [InlineData("TimeZone", "Europe/Atlantis")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        var message = TestConfig.Refusal<ProtocolOptions>(($"FollowUp:Protocol:{key}", value));
        Assert.Contains($"FollowUp:Protocol:{key}", message, StringComparison.Ordinal);
        Assert.Contains(value, message, StringComparison.Ordinal);
    }
}
