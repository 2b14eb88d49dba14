using FollowUp.Silo.Hosting;
using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FollowUp.Tests.Hosting;

/// <summary>The due-calls gauge counts at the platform's clock (the virtual one in simulation), not at real time.</summary>
public sealed class DueCallsGaugeTests
{
    [Fact]
    public async Task The_gauge_counts_the_calls_due_at_the_platforms_clock()
    {
        await using var ds = NpgsqlDataSource.Create(TestDatabase.Create("gauge"));
        // Far in the real future, so only a clock that follows the simulation can find these calls due.
        var simulatedNow = new DateTimeOffset(2031, 3, 4, 10, 0, 0, TimeSpan.Zero);
        var index = new PersonIndex(ds);
        foreach (var (name, type, dueAt) in new[]
        {
            ("j2", MilestoneType.J2, simulatedNow.AddHours(-2)), ("j9", MilestoneType.J9, simulatedNow.AddMinutes(-1)),
            ("later", MilestoneType.J2, simulatedNow.AddHours(1)),
        })
        {
            var id = PersonIds.FromExternalId("gauge-" + name);
            var row = new PersonRow(id, "gauge-" + name, "Case", name, "X", "+33612345678", null, "83", new DateOnly(2031, 3, 1), false,
                "active", null);
            await index.UpsertPersonAsync(row, [new DueCall(id, type.ToString(), type, dueAt, false, false, "83")], [], 0);
        }

        var simulated = await new DueCallsGauge(new CallQueueStore(ds), new VirtualClock(simulatedNow), NullLogger<DueCallsGauge>.Instance)
            .ReadAsync(CancellationToken.None);
        Assert.Equal((1, 1, 0), (simulated["J2"], simulated["J9"], simulated["J4"]));
        Assert.Equal(Enum.GetNames<MilestoneType>().Length, simulated.Count);

        var real = await new DueCallsGauge(new CallQueueStore(ds), TimeProvider.System, NullLogger<DueCallsGauge>.Instance)
            .ReadAsync(CancellationToken.None);
        Assert.All(real.Values, v => Assert.Equal(0, v));
    }
}
