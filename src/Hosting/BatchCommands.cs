using Npgsql;

namespace FollowUp;

/// <summary>A positional ($1, $2…) command of an Npgsql batch, null values sent as NULL.</summary>
public static class BatchCommands
{
    public static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (var v in values) c.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        return c;
    }
}
