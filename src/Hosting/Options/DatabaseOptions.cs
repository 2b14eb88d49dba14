using Microsoft.Extensions.Configuration;

namespace FollowUp;

/// <summary>
/// <c>FollowUp:Database</c>, read by both processes: the PostgreSQL connection string (or the <c>FOLLOWUP_DB</c>
/// environment variable) and the platform's connection budget (<see cref="Budget"/>).
/// </summary>
public sealed class DatabaseOptions : ISectionOptions
{
    public const string Shortcut = "FOLLOWUP_DB";

    public static string Section => "FollowUp:Database";

    /// <summary>Npgsql connection string; empty: <c>FOLLOWUP_DB</c>.</summary>
    public string ConnectionString { get; set; } = "";

    public int SiloPoolSize { get; set; } = 40;
    public int WebPoolSize { get; set; } = 20;
    public int MaxSilos { get; set; } = 4;
    public int MaxWebNodes { get; set; } = 2;

    /// <summary>Connections of the server kept for migrations, psql and monitoring.</summary>
    public int Reserve { get; set; } = 10;

    /// <summary>How long a caller waits for a free connection of its pool (0: as long as it takes).</summary>
    public int PoolWaitSeconds { get; set; }

    public ConnectionBudget Budget => new(SiloPoolSize, WebPoolSize, MaxSilos, MaxWebNodes, Reserve, PoolWaitSeconds);

    /// <summary>The options of this configuration (<c>FOLLOWUP_DB</c> included), checked.</summary>
    public static DatabaseOptions Read(IConfiguration config) => SectionOptions.Read(config, ShortcutFrom(config));

    /// <summary>Takes the connection string from <c>FOLLOWUP_DB</c> when the key is empty (the key wins).</summary>
    public static Action<DatabaseOptions> ShortcutFrom(IConfiguration config) => o =>
    {
        if (string.IsNullOrWhiteSpace(o.ConnectionString)) o.ConnectionString = config[Shortcut] ?? "";
    };

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            yield return $"No database configured: set FollowUp:Database:ConnectionString (or the {Shortcut} environment variable).";
        foreach (var (key, value) in new[] { ("SiloPoolSize", SiloPoolSize), ("WebPoolSize", WebPoolSize), ("MaxSilos", MaxSilos),
            ("MaxWebNodes", MaxWebNodes) })
            if (value < 1) yield return $"FollowUp:Database:{key} '{value}' must be a positive whole number.";
        foreach (var (key, value) in new[] { ("Reserve", Reserve), ("PoolWaitSeconds", PoolWaitSeconds) })
            if (value < 0) yield return $"FollowUp:Database:{key} '{value}' must be a non-negative whole number.";
    }
}
