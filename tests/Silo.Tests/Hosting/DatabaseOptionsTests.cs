namespace FollowUp.Tests.Hosting;

/// <summary><c>FollowUp:Database</c> (src/Hosting/Options, read by both hosts).</summary>
public class DatabaseOptionsTests
{
    private const string Cs = "Host=127.0.0.1;Database=followup";

    [Fact]
    public void The_budget_has_the_defaults_and_the_key_wins_over_FOLLOWUP_DB()
    {
        var read = DatabaseOptions.Read(TestConfig.Of(("FOLLOWUP_DB", Cs)));
        Assert.Equal(new ConnectionBudget(40, 20, 4, 2, 10, 0), read.Budget);
        Assert.Equal(Cs, read.ConnectionString);
        Assert.Equal("Host=elsewhere", DatabaseOptions.Read(TestConfig.Of(("FOLLOWUP_DB", Cs),
            ("FollowUp:Database:ConnectionString", "Host=elsewhere"))).ConnectionString);
    }

    [Fact]
    public void No_connection_string_is_refused_naming_the_key_and_the_variable()
    {
        var message = TestConfig.Refusal<DatabaseOptions>();
        Assert.Contains("FollowUp:Database:ConnectionString", message, StringComparison.Ordinal);
        Assert.Contains("FOLLOWUP_DB", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SiloPoolSize", "0")]
    [InlineData("WebPoolSize", "-2")]
    [InlineData("MaxSilos", "0")]
    [InlineData("MaxWebNodes", "0")]
    [InlineData("Reserve", "-1")]
    [InlineData("PoolWaitSeconds", "-5")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value) =>
        Assert.Contains($"FollowUp:Database:{key} '{value}'",
            TestConfig.Refusal<DatabaseOptions>(("FollowUp:Database:ConnectionString", Cs), ($"FollowUp:Database:{key}", value)),
            StringComparison.Ordinal);
}
