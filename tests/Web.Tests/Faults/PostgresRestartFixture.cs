namespace FollowUp.Tests.Faults;

/// <summary>
/// The platform (silo + web, as <see cref="PlatformFixture"/>) on a PostgreSQL server of its own that the tests may
/// restart and stop (<see cref="ScratchPostgres"/>), in a collection of its own: the run's shared server is never touched.
/// </summary>
public sealed class PostgresRestartFixture : PlatformFixture, IDisposable
{
    public ScratchPostgres Postgres { get; } = new("followup_restart");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["FollowUp:Database:ConnectionString"] = Postgres.ConnectionString,
    };

    public void Dispose() => Postgres.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PostgresRestartCollection : ICollectionFixture<PostgresRestartFixture>
{
    public const string Name = "postgres-restart";
}
