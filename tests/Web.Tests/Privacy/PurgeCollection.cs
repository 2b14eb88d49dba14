namespace FollowUp.Tests.Privacy;

/// <summary>A platform of its own for tests that move the virtual clock months ahead (the retention purge).</summary>
[CollectionDefinition(Name)]
public sealed class PurgeCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "purge";
}
