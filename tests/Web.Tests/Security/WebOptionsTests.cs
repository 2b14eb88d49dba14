using System.Net;
using FollowUp.Web.Application.Security;

namespace FollowUp.Tests.Security;

/// <summary><c>FollowUp:Web</c>, read as the web reads it.</summary>
public class WebOptionsTests
{
    [Fact]
    public void Known_proxies_are_a_list_of_addresses_in_one_value_or_a_list_section()
    {
        var config = TestConfig.Of(("FollowUp:Web:KnownProxies", "10.0.0.5, 10.0.0.6;::1"));
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6"), IPAddress.IPv6Loopback],
            SectionOptions.Read(config, WebOptions.ListFrom(config)).Proxies);
        config = TestConfig.Of(("FollowUp:Web:KnownProxies:0", "10.0.0.7"), ("FollowUp:Web:KnownProxies:1", "10.0.0.8"));
        Assert.Equal([IPAddress.Parse("10.0.0.7"), IPAddress.Parse("10.0.0.8")], SectionOptions.Read(config, WebOptions.ListFrom(config)).Proxies);
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_is_refused_naming_the_key() =>
        Assert.Contains("FollowUp:Web:KnownProxies: 'proxy.local'",
            TestConfig.Refusal<WebOptions>(("FollowUp:Web:KnownProxies", "10.0.0.5,proxy.local")), StringComparison.Ordinal);
}
