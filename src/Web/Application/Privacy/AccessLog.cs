using System.Text;
using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Privacy;

/// <summary>Reads the access journal (page "Journal d'accès", CSV export, GET /api/access-log, a record's consultations).</summary>
public sealed class AccessLog(NpgsqlDataSource db)
{
    /// <summary>The API's shape: {at, user, role, action, objectType, objectId, channel, ip} (+ detail).</summary>
    public sealed record Item(DateTimeOffset At, string User, string Role, string Action, string? ObjectType, string? ObjectId, string Channel,
        string? Ip, string? Detail);

    private sealed record Row(DateTime At, string User, string Role, string Action, string? ObjectType, string? ObjectId, string Channel, string? Ip,
        string? Detail);

    public async Task<IReadOnlyList<Item>> FindAsync(AccessLogFilter f, int limit = 1000)
    {
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<Row>("""
            SELECT at, user_name AS User, role, action, object_type AS ObjectType, object_id AS ObjectId, channel, ip, detail
            FROM access_log
            WHERE (@person::text IS NULL OR (object_type = 'person' AND object_id = @person::text))
              AND (@user::text IS NULL OR user_name = @user)
              AND (@action::text IS NULL OR action = @action)
              AND (@from::timestamptz IS NULL OR at >= @from)
              AND (@to::timestamptz IS NULL OR at < @to)
            ORDER BY at DESC, id DESC
            LIMIT @limit
            """,
            new { person = f.PersonId?.ToString(), user = f.User, action = f.Action, from = f.From?.UtcDateTime, to = f.To?.UtcDateTime, limit });
        return rows.Select(r => new Item(new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))
            .ToOffset(PlatformClock.Paris.GetUtcOffset(r.At)),
            r.User, r.Role, r.Action, r.ObjectType, r.ObjectId, r.Channel, r.Ip, r.Detail)).ToList();
    }

    /// <summary>Who opened this person's record, call screen or data, and when (newest first).</summary>
    public async Task<IReadOnlyList<Item>> ConsultationsAsync(Guid personId, int limit = 200) =>
        (await FindAsync(new AccessLogFilter(personId, null, null, null, null), limit)).Where(i => AccessActions.PersonReads.Contains(i.Action))
            .ToList();

    /// <summary>The entries as CSV (";", UTF-8 BOM, Paris times, cells through <see cref="CsvCells"/>), for the DPO.</summary>
    public static byte[] Csv(IEnumerable<Item> items)
    {
        var sb = new StringBuilder(CsvCells.Line(';', "date", "utilisateur", "rôle", "action", "objet", "identifiant", "canal", "ip", "détail"));
        foreach (var i in items)
            sb.Append(CsvCells.Line(';', i.At.ToString("yyyy-MM-dd HH:mm:ss"), i.User, i.Role, i.Action, i.ObjectType, i.ObjectId, i.Channel, i.Ip,
                i.Detail));
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }
}
