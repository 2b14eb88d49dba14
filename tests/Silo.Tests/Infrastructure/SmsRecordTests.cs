using Dapper;
using FollowUp.Silo.Infrastructure;
using Npgsql;

namespace FollowUp.Tests.Infrastructure;

public class SmsRecordTests
{
    [Fact]
    public async Task A_delivery_report_that_came_before_the_sms_record_is_applied_when_the_record_is_written()
    {
        await using var ds = NpgsqlDataSource.Create(TestDatabase.Create("smsrec"));
        var db = new SmsLedger(ds);
        await using (var conn = await ds.OpenConnectionAsync())
            await conn.ExecuteAsync("INSERT INTO pending_delivery_reports (provider_id, delivery_status, delivered) VALUES ('ovh-42', '1', true)");
        Assert.True(await db.SaveSmsAsync("p-J2-1", Guid.NewGuid(), "J2", "ovh-42", DateTimeOffset.UtcNow));
        Assert.Null(await db.SaveSmsAsync("p-J4-1", Guid.NewGuid(), "J4", "ovh-43", DateTimeOffset.UtcNow));
        await using var check = await ds.OpenConnectionAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT count(*)::int FROM pending_delivery_reports"));
        Assert.Equal("1", await check.ExecuteScalarAsync<string>("SELECT delivery_status FROM sms_messages WHERE message_id = 'p-J2-1'"));
    }
}
