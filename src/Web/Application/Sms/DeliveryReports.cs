namespace FollowUp.Web.Application.Sms;

/// <summary>
/// OVH delivery reports (the SMS service's callBack URL, GET or POST, parameters id, ptt, dlr, date, description):
/// recorded on the message (in groups, by <see cref="DeliveryReportWriter"/>) and told to the person. The path carries a
/// secret segment (FollowUp:Sms:DeliveryReportSecret).
/// </summary>
public sealed class DeliveryReports(DeliveryReportWriter writer, ILogger<DeliveryReports> logger)
{
    private static readonly HashSet<string> Known = ["id", "ptt", "dlr", "date", "description", "tag", "receiver", "status"];

    public async Task<IResult> HandleAsync(HttpContext http, SmsOptions sms, string secret)
    {
        var expected = sms.DeliveryReportSecret;
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
        await writer.RecordAsync(new DeliveryReport(id, dlr, delivered), http.RequestAborted); // 200 only once durable
        return Results.Ok();
    }
}
