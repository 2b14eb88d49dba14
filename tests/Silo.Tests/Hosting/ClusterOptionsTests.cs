namespace FollowUp.Tests.Hosting;

/// <summary><c>FollowUp:Cluster</c> and <c>FollowUp:Simulation</c> (src/Hosting/Options, read by both hosts).</summary>
public class ClusterOptionsTests
{
    [Fact]
    public void An_empty_cluster_id_depends_on_the_simulation()
    {
        Assert.Equal(("followup", "followup"), Ids(ClusterOptions.Read(TestConfig.Of())));
        Assert.Equal(("followup-sim", "followup"), Ids(ClusterOptions.Read(TestConfig.Of(("FollowUp:Simulation:Enabled", "true")))));
        Assert.Equal(("mine", "svc"), Ids(ClusterOptions.Read(TestConfig.Of(("FollowUp:Simulation:Enabled", "true"),
            ("FollowUp:Cluster:ClusterId", "mine"), ("FollowUp:Cluster:ServiceId", "svc")))));
    }

    [Fact]
    public void An_id_longer_than_its_column_is_refused_naming_the_key() =>
        Assert.Contains("FollowUp:Cluster:ServiceId", TestConfig.Refusal<ClusterOptions>(("FollowUp:Cluster:ServiceId", new string('s', 151))),
            StringComparison.Ordinal);

    [Fact]
    public void The_simulation_starts_at_the_instant_given_or_today()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            SectionOptions.Read<SimulationOptions>(TestConfig.Of(("FollowUp:Simulation:Start", "2026-11-23T08:00:00Z"))).StartAt());
        Assert.Equal(TimeSpan.Zero, SectionOptions.Read<SimulationOptions>(TestConfig.Of()).StartAt().TimeOfDay);
        Assert.Contains("FollowUp:Simulation:Start 'next monday'",
            TestConfig.Refusal<SimulationOptions>(("FollowUp:Simulation:Start", "next monday")), StringComparison.Ordinal);
    }

    private static (string, string) Ids(ClusterOptions o) => (o.ClusterId, o.ServiceId);
}
