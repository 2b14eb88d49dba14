using Microsoft.Extensions.Configuration;

namespace FollowUp.Tests;

/// <summary>A configuration of the given keys only, for the typed options' tests.</summary>
public static class TestConfig
{
    public static IConfiguration Of(params (string Key, string Value)[] settings) => new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    /// <summary>The message of the start-stopping error reading <typeparamref name="T"/> from these settings gives.</summary>
    public static string Refusal<T>(params (string Key, string Value)[] settings) where T : class, ISectionOptions, new() =>
        Assert.Throws<ConfigurationException>(() => SectionOptions.Read<T>(Of(settings))).Message;
}
