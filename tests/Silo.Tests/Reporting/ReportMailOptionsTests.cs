using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

public class ReportMailOptionsTests
{
    private static readonly (string, string)[] Complete =
    [
        ("FollowUp:Report:Mail:Host", "smtp.example.fr"), ("FollowUp:Report:Mail:From", "followup@ars.example.fr"),
        ("FollowUp:Report:Mail:To", "veille@ars.example.fr; direction@ars.example.fr"),
    ];

    [Fact]
    public void A_complete_setting_is_read_with_its_defaults()
    {
        var read = SectionOptions.Read<ReportMailOptions>(TestConfig.Of(Complete));
        Assert.Equal(["veille@ars.example.fr", "direction@ars.example.fr"], read.Recipients);
        Assert.Equal((587, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, true), (read.Port, read.Security, read.Mailed));
        Assert.False(SectionOptions.Read<ReportMailOptions>(TestConfig.Of(("FollowUp:Report:Mail:To", "not checked without a host"))).Mailed);
    }

    [Theory]
    [InlineData("To", "veille@ars.example.fr; nobody")]
    [InlineData("From", "followup at ars")]
    [InlineData("Port", "0")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value) =>
        Assert.Contains($"FollowUp:Report:Mail:{key}",
            TestConfig.Refusal<ReportMailOptions>(
                [.. Complete.Where(c => c.Item1 != $"FollowUp:Report:Mail:{key}"), ($"FollowUp:Report:Mail:{key}", value)]),
            StringComparison.Ordinal);
}
