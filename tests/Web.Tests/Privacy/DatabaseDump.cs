using Npgsql;

namespace FollowUp.Tests.Privacy;

/// <summary>Every row of every table of the database as text, Orleans storage payloads decoded (UTF-8 JSON).</summary>
public static class DatabaseDump
{
    public static async Task<Dictionary<string, List<string>>> AllRowsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = " +
            "'BASE TABLE'", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        var dump = new Dictionary<string, List<string>>();
        foreach (var t in tables)
        {
            var sql = t.Equals("orleansstorage", StringComparison.OrdinalIgnoreCase)
                ? "SELECT x::text || coalesce(convert_from(x.payloadbinary, 'UTF8'), '') FROM orleansstorage x"
                : $"SELECT x::text FROM \"{t}\" x";
            var rows = new List<string>();
            await using var cmd = new NpgsqlCommand(sql, conn);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) rows.Add(r.GetString(0));
            dump[t] = rows;
        }
        return dump;
    }
}
