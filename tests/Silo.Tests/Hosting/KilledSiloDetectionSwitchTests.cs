using FollowUp.Silo;
using FollowUp.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FollowUp.Tests.Hosting;

/// <summary><c>FollowUp:Silo:KilledSiloDetection</c>: the production silo starts the detection unless it is false.</summary>
public class KilledSiloDetectionSwitchTests
{
    [Fact]
    public void The_detection_runs_by_default() => Assert.Single(DetectionsStartedWith());

    [Fact]
    public void Turned_off_the_detection_is_not_started() =>
        Assert.Empty(DetectionsStartedWith(("FollowUp:Silo:KilledSiloDetection", "false")));

    [Fact]
    public void A_value_that_is_not_a_boolean_names_the_key()
    {
        var error = Assert.ThrowsAny<Exception>(() => DetectionsStartedWith(("FollowUp:Silo:KilledSiloDetection", "maybe")));
        Assert.Contains("FollowUp:Silo:KilledSiloDetection", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The hosted services a production silo built with these settings would start (built, not started:
    /// nothing connects).</summary>
    private static List<KilledSiloDetection> DetectionsStartedWith(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
            .Append(KeyValuePair.Create("FollowUp:Database:ConnectionString", (string?)"Host=127.0.0.1;Database=unused")));
        builder.UseOrleans(silo => silo.AddFollowUpSilo(builder.Configuration));
        using var host = builder.Build();
        return host.Services.GetServices<IHostedService>().OfType<KilledSiloDetection>().ToList();
    }
}
