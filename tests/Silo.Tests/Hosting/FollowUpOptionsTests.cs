namespace FollowUp.Tests.Hosting;

/// <summary>The keys right under <c>FollowUp</c> and <c>FollowUp:Logging</c> (src/Hosting/Options, read by both hosts).</summary>
public class FollowUpOptionsTests
{
    [Fact]
    public void The_public_address_has_its_default_and_the_api_key_its_shortcut()
    {
        var read = FollowUpOptions.Read(TestConfig.Of(("FOLLOWUP_API_KEY", "k1"), ("FollowUp:PublicBaseUrl", "")));
        Assert.Equal(("http://127.0.0.1:5080", "k1", false), (read.PublicBaseUrl, read.ApiKey, read.IsHttps));
        read = FollowUpOptions.Read(TestConfig.Of(("FOLLOWUP_API_KEY", "k1"), ("FollowUp:ApiKey", "k2"),
            ("FollowUp:PublicBaseUrl", "https://suivi.example.test")));
        Assert.Equal(("k2", true), (read.ApiKey, read.IsHttps));
    }

    [Theory]
    [InlineData("PublicBaseUrl", "suivi.example.test")]
    [InlineData("PublicBaseUrl", "ftp://suivi.example.test")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value) =>
        Assert.Contains($"FollowUp:{key} '{value}'", TestConfig.Refusal<FollowUpOptions>(($"FollowUp:{key}", value)), StringComparison.Ordinal);

    [Fact]
    public void An_api_key_no_caller_could_present_is_refused() =>
        Assert.Contains("FollowUp:ApiKey", TestConfig.Refusal<FollowUpOptions>(("FollowUp:ApiKey", new string('k', 201))), StringComparison.Ordinal);

    [Fact]
    public void Json_logs_are_a_boolean_and_a_bad_value_names_the_key()
    {
        Assert.True(SectionOptions.Read<LoggingOptions>(TestConfig.Of(("FollowUp:Logging:Json", "true"))).Json);
        var ex = Assert.Throws<InvalidOperationException>(() => SectionOptions.Read<LoggingOptions>(TestConfig.Of(("FollowUp:Logging:Json", "yes"))));
        Assert.Contains("FollowUp:Logging:Json", ex.Message, StringComparison.Ordinal); // the hosts print it as "Configuration error:"
    }
}
