using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

public class StaffingOptionsTests
{
    [Fact]
    public void Unset_keys_are_the_tenders_durations_and_set_ones_replace_them()
    {
        var read = SectionOptions.Read<StaffingOptions>(TestConfig.Of(("FollowUp:Staffing:CallMinutes:J7", "6.5"),
            ("FollowUp:Staffing:Occupancy", "0.6")));
        Assert.Equal([7, 10, 6.5, 4, 4], new[] { "J2", "J4", "J7", "J7TestFollowUp", "J9" }.Select(t => read.CallMinutes[t]));
        Assert.Equal(0.6, read.Occupancy);
        Assert.Equal(StaffingOptions.TenderMinutes, SectionOptions.Read<StaffingOptions>(TestConfig.Of()).CallMinutes);
    }

    [Theory]
    [InlineData("CallMinutes:J2", "0")]
    [InlineData("CallMinutes:J9", "241")]
    [InlineData("CallMinutes:J3", "5")]
    [InlineData("Occupancy", "1.5")]
    [InlineData("Occupancy", "0")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value) =>
        Assert.Contains($"FollowUp:Staffing:{key}", TestConfig.Refusal<StaffingOptions>(($"FollowUp:Staffing:{key}", value)),
            StringComparison.Ordinal);
}
