using Dapper;
using Npgsql;

namespace FollowUp.Web.Application;

/// <summary>
/// OVH delivery reports (the SMS service's callBack URL, GET or POST, parameters id, ptt, dlr, date, description):
/// recorded on the message and told to the person. The path carries a secret segment (FollowUp:Sms:DeliveryReportSecret).
/// </summary>
public sealed class DeliveryReports(NpgsqlDataSource db, IClusterClient cluster, ILogger<DeliveryReports> logger)
{
    private static readonly HashSet<string> Known = ["id", "ptt", "dlr", "date", "description", "tag", "receiver", "status"];

    public async Task<IResult> HandleAsync(HttpContext http, IConfiguration config, string secret)
    {
        var expected = config["FollowUp:Sms:DeliveryReportSecret"];
        if (string.IsNullOrEmpty(expected) || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(expected)))
            return Results.NotFound();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in http.Request.Query) values[k] = v.ToString();
        if (http.Request.HasFormContentType)
            foreach (var (k, v) in await http.Request.ReadFormAsync()) values[k] = v.ToString();
        var unknown = values.Keys.Where(k => !Known.Contains(k)).ToList();
        if (unknown.Count > 0) logger.LogInformation("Delivery report with unknown parameters: {Names}", string.Join(",", unknown));
        if (!values.TryGetValue("id", out var id) || id.Length == 0) return Results.Ok();

        // dlr: 1 delivered, 2 not delivered, 4 buffered, 8 sent to operator, 16 failure (OVH).
        var dlr = values.GetValueOrDefault("dlr") ?? "";
        bool? delivered = dlr switch { "1" => true, "2" or "16" => false, _ => null };
        await using var conn = await db.OpenConnectionAsync();
        var row = await conn.QuerySingleOrDefaultAsync<(Guid PersonId, string MilestoneId)?>("""
            UPDATE sms_messages SET delivery_status = @dlr, delivered_at = CASE WHEN @delivered THEN now() ELSE delivered_at END
            WHERE provider_id = @id RETURNING person_id, milestone_id
            """, new { id, dlr, delivered = delivered == true });
        if (row is { } r && delivered is { } d)
            await cluster.GetGrain<IPersonGrain>(r.PersonId).SmsDeliveryReport(r.MilestoneId, d);
        else if (row is null && delivered is { } early) // faster than our own record of the SMS: kept until it is written
            await conn.ExecuteAsync("INSERT INTO pending_delivery_reports (provider_id, delivery_status, delivered) VALUES (@id, @dlr, @early) ON CONFLICT DO NOTHING",
                new { id, dlr, early });
        return Results.Ok();
    }
}
