using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Sms;

/// <summary>An SMS as a (fake) phone received it.</summary>
public sealed record ReceivedSms(string Id, string Phone, string Text, DateTimeOffset AcceptedAt, string[] Links);

/// <summary>
/// Development view of what the phones received: the OVH fake's own record (FollowUp:Sms:FakeInboxUrl, set by run.sh)
/// or, with the in-database Fake provider, the fake_sms table. Never available against the real OVH.
/// </summary>
public sealed partial class SmsInbox(SmsOptions sms, NpgsqlDataSource db, IHttpClientFactory http)
{
    private readonly string? _fakeInboxUrl = sms.FakeInboxUrl;
    private readonly bool _dbFake = !sms.IsOvh;

    public bool Available => _fakeInboxUrl is { Length: > 0 } || _dbFake;

    public async Task<IReadOnlyList<ReceivedSms>> ListAsync(string? phone)
    {
        if (_fakeInboxUrl is { Length: > 0 } url)
        {
            var messages = await http.CreateClient().GetFromJsonAsync<List<FakeOutgoing>>(url) ?? [];
            return messages.Where(m => phone is null || m.Receiver == phone)
                .Select(m => new ReceivedSms(m.Tag ?? m.Id.ToString(), m.Receiver, m.Message, DateTimeOffset.Parse(m.CreationDatetime),
                    Links(m.Message)))
                .ToList();
        }
        if (!_dbFake) return [];
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string Id, string Phone, string Text, DateTime AcceptedAt)>(
            "SELECT message_id, phone, text, accepted_at FROM fake_sms WHERE @phone IS NULL OR phone = @phone ORDER BY accepted_at, message_id",
                new { phone });
        return rows.Select(r => new ReceivedSms(r.Id, r.Phone, r.Text, new DateTimeOffset(r.AcceptedAt, TimeSpan.Zero), Links(r.Text))).ToList();
    }

    private static string[] Links(string text) => LinkPattern().Matches(text).Select(m => m.Value).ToArray();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    private sealed record FakeOutgoing(long Id, string Receiver, string Message, string? Tag, string CreationDatetime);
}
