using Dapper;
using Npgsql;

namespace FollowUp.Silo.Sms;

/// <summary>
/// In-database gateway (FollowUp:Sms:Provider = Fake) for grain tests and fast simulations: keeps every accepted SMS in
/// the fake_sms table. Idempotent by message id, like OVH's tag lookup. No replies.
/// The OVH-compatible HTTP fake (src/OvhFake, provider Ovh) is what run.sh and the platform tests use.
/// </summary>
public sealed class FakeSmsGateway(NpgsqlDataSource dataSource, TimeProvider clock) : ISmsGateway
{
    public async Task<SmsReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO fake_sms (message_id, phone, text, accepted_at) VALUES (@Id, @To, @Text, @at) ON CONFLICT (message_id) DO NOTHING",
            new { message.Id, message.To, message.Text, at = clock.GetUtcNow().ToUniversalTime() }, cancellationToken: cancellationToken));
        return new SmsReceipt(message.Id, AlreadySent: inserted == 0);
    }

    public Task<int> ProcessRepliesAsync(Func<SmsReply, Task> handle, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
