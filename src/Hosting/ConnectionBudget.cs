using Npgsql;

namespace FollowUp;

/// <summary>
/// One PostgreSQL connection budget for the whole platform (FollowUp:Database:*): every silo holds at most
/// <see cref="SiloPoolSize"/> connections (half for Orleans' membership/storage/reminders, half for our tables), every
/// web node <see cref="WebPoolSize"/>, and MaxSilos × SiloPoolSize + MaxWebNodes × WebPoolSize must fit in the server's
/// max_connections minus <see cref="Reserve"/> (migrations, psql, monitoring). A caller that finds its pool full waits
/// for a slot (<see cref="PoolWaitSeconds"/>, 0 = as long as it takes) instead of failing: backpressure, not errors.
/// Made from <see cref="DatabaseOptions.Budget"/>.
/// </summary>
public sealed record ConnectionBudget(int SiloPoolSize, int WebPoolSize, int MaxSilos, int MaxWebNodes, int Reserve, int PoolWaitSeconds)
{
    /// <summary>Connections of a web node's pool kept for its Orleans client (gateway list reads).</summary>
    public const int WebClusterClientConnections = 2;

    public int Needed => MaxSilos * SiloPoolSize + MaxWebNodes * WebPoolSize + Reserve;
    public int OrleansPoolSize => Math.Max(2, SiloPoolSize / 2);
    public int SiloAppPoolSize => Math.Max(2, SiloPoolSize - OrleansPoolSize);
    public int WebAppPoolSize => Math.Max(2, WebPoolSize - WebClusterClientConnections);

    /// <summary>The configured connection string with this pool size and the pool wait applied.</summary>
    public string Pooled(string connectionString, int poolSize)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = poolSize, Timeout = PoolWaitSeconds };
        if (b.MinPoolSize > poolSize) b.MinPoolSize = 0;
        return b.ConnectionString;
    }

    /// <summary>Refuses a budget the server cannot hold (a clear message instead of "53300: too many clients" under load).</summary>
    public async Task CheckAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SHOW max_connections", conn);
        var max = int.Parse((string)(await cmd.ExecuteScalarAsync(ct))!, System.Globalization.CultureInfo.InvariantCulture);
        if (Needed > max)
            throw new ConfigurationException(
                $"Connection budget: FollowUp:Database:MaxSilos ({MaxSilos}) × SiloPoolSize ({SiloPoolSize}) + MaxWebNodes ({MaxWebNodes}) × " +
                    $"WebPoolSize ({WebPoolSize}) + Reserve ({Reserve}) = {Needed} exceeds PostgreSQL max_connections ({max}): lower the pools or " +
                    $"raise max_connections.");
    }
}
