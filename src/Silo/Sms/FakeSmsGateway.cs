using Dapper;
using Npgsql;

namespace FollowUp.Silo.Sms;

/// <summary>
/// Built-in fake gateway (FollowUp:Sms:Provider = Fake): keeps every accepted SMS in the fake_sms table so demos,
/// simulation and tests can read them (GET /api/simulation/sms). Idempotent by message id, like OVH's tag lookup.
/// </summary>
public sealed class FakeSmsGateway(NpgsqlDataSource dataSource, TimeProvider clock) : ISmsGateway
{
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO fake_sms (message_id, phone, text, accepted_at) VALUES (@Id, @To, @Text, @at) ON CONFLICT (message_id) DO NOTHING",
            new { message.Id, message.To, message.Text, at = clock.GetUtcNow().ToUniversalTime() }, cancellationToken: cancellationToken));
    }
}
