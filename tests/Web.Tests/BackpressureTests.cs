using System.Net;
using System.Text;
using Dapper;
using Npgsql;

namespace FollowUp.Tests;

/// <summary>The platform with a deliberately small connection budget: 2 connections for Orleans and 2 for our tables in
/// the silo, 2 for the web's pages, API and delivery reports.</summary>
public sealed class SmallPoolPlatformFixture : PlatformFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["FollowUp:Database:SiloPoolSize"] = "4",
        ["FollowUp:Database:WebPoolSize"] = "4",
    };
}

/// <summary>Backpressure, not failure: with few connections, work waits for a slot instead of failing.</summary>
public sealed class BackpressureTests(SmallPoolPlatformFixture fx) : IClassFixture<SmallPoolPlatformFixture>
{
    [Fact]
    public async Task A_wave_at_the_SMS_hour_with_a_small_pool_sends_records_and_reports_every_SMS_once()
    {
        const int persons = 300;
        var day = await fx.NextAsync(DayOfWeek.Tuesday); // 08:00 Paris, the SMS hour is 09:00
        var csv = new StringBuilder("externalId;kind;lastName;firstName;phone;department;inclusionDate\n");
        for (var i = 0; i < persons; i++)
            csv.Append($"wave-{i};contact;Durand;Lea;+33613{i:000000};13;{day.AddDays(-2):yyyy-MM-dd}\n");
        var (status, body) = await fx.ImportAsync(Encoding.UTF8.GetBytes(csv.ToString()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(persons, body.GetProperty("accepted").GetInt32());
        var ids = Enumerable.Range(0, persons).Select(i => PersonIds.FromExternalId($"wave-{i}")).ToArray();

        await fx.AdvanceAsync(day, 9, 1); // all 300 wake together

        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        var until = DateTime.UtcNow.AddMinutes(3);
        int delivered;
        while ((delivered = await conn.ExecuteScalarAsync<int>(
                   "SELECT count(*) FROM sms_messages WHERE person_id = ANY(@ids) AND provider_id IS NOT NULL AND delivered_at IS NOT NULL",
                       new { ids })) < persons)
        {
            Assert.True(DateTime.UtcNow < until, $"{delivered} of {persons} SMS recorded with their delivery report");
            await Task.Delay(500);
        }
        var sent = (await fx.Ovh.MessagesAsync()).Where(m => m.Tag is not null
            && ids.Any(id => m.Tag.StartsWith(id.ToString("N"), StringComparison.Ordinal))).ToList();
        Assert.Equal(persons, sent.Count);
        Assert.Equal(persons, sent.Select(m => m.Tag).Distinct().Count());
        Assert.Equal(persons, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM sms_messages WHERE person_id = ANY(@ids)", new { ids }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM pending_delivery_reports"));
    }

    [Fact]
    public async Task Delivery_reports_wait_for_a_saturated_database_and_are_answered_200_once_recorded()
    {
        const int reports = 200;
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        var providerIds = Enumerable.Range(0, reports).Select(i => $"sat-{i}").ToArray();
        await conn.ExecuteAsync("""
            INSERT INTO sms_messages (message_id, person_id, milestone_id, provider_id, sent_at)
            SELECT 'sat-msg-' || p, gen_random_uuid(), 'J2', p, now() FROM unnest(@providerIds) AS p
            """, new { providerIds });

        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("LOCK TABLE sms_messages IN EXCLUSIVE MODE", transaction: tx); // nothing can be recorded now
        using var http = new HttpClient { BaseAddress = new Uri(fx.BaseUrl), Timeout = TimeSpan.FromMinutes(3) };
        var answers = providerIds.Select(id =>
            http.GetAsync($"/sms/dlr/{PlatformFixture.DeliveryReportSecret}?id={id}&ptt=13&dlr=1&description=Delivered")).ToList();
        await Task.Delay(1500);
        Assert.DoesNotContain(answers, a => a.IsCompleted); // not answered before the report is durable
        await tx.CommitAsync();

        var statuses = (await Task.WhenAll(answers)).Select(r => r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(reports, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM sms_messages WHERE provider_id = ANY(@providerIds) AND delivery_status = '1' AND delivered_at IS NOT NULL",
                new { providerIds }));
    }
}
