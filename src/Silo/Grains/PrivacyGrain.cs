using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Privacy;
using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;
using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Grains;

/// <summary>
/// The daily retention purge (RGPD; décret 2020-551 art. 11): a reminder checks every hour whether today's purge ran;
/// the purge first keeps the daily reports of the days it is about to touch, then anonymises the persons whose follow-up
/// ended more than FollowUp:Privacy:RetentionDays ago, in batches with progress in the log, then applies the table-wide
/// retention (old imports' rejected lines, orphan delivery reports, expired links, the access journal).
/// </summary>
public sealed class PrivacyGrain(
    PrivacyDb privacy,
    ReportArchive archive,
    PrivacyOptions options,
    [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock,
    ProtocolSettings settings,
    ILogger<PrivacyGrain> logger) : Grain, IPrivacyGrain, IRemindable
{
    private const string Reminder = "daily-purge";
    private const int Parallelism = 8;
    private static readonly System.Text.Json.JsonSerializerOptions ArchiveJson = new(System.Text.Json.JsonSerializerDefaults.Web);
    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task Start() => await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Tick();

    public async Task<bool> Tick()
    {
        var today = FollowUpProtocol.LocalDate(Now, settings);
        if (await privacy.LastPurgeStartAsync() is { } last && FollowUpProtocol.LocalDate(last, settings) >= today) return false;
        await PurgeAsync(today);
        return true;
    }

    private async Task PurgeAsync(DateOnly today)
    {
        var horizon = today.AddDays(-options.RetentionDays);
        var cutoff = DailyReports.Bounds(horizon, settings.Zone).Start;
        var run = await privacy.StartRunAsync(Now, horizon);
        var counts = new Dictionary<string, int> { ["persons"] = 0 };
        logger.LogInformation("Purge {Run}: persons whose follow-up ended before {Horizon}", run, horizon);
        try
        {
            await KeepReportsAsync(horizon);
            while (true)
            {
                var batch = await privacy.CandidatesAsync(cutoff, horizon, options.PurgeBatchSize);
                if (batch.Count == 0) break;
                foreach (var chunk in batch.Chunk(Parallelism))
                    await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<IPersonGrain>(id).Erase(Actors.System, onRequest: false)));
                counts["persons"] += batch.Count;
                logger.LogInformation("Purge {Run}: {Count} persons anonymised so far", run, counts["persons"]);
            }
            foreach (var (k, v) in await privacy.RetentionAsync(cutoff, Now.AddDays(-options.AccessLogRetentionDays))) counts[k] = v;
            await privacy.FinishRunAsync(run, Now, counts, null);
            logger.LogInformation("Purge {Run} done: {Counts}", run, string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}")));
        }
        catch (Exception ex)
        {
            logger.LogError("Purge {Run} stopped ({Error}); the next tick starts it again", run, ex.GetType().Name + ": " + ex.Message);
            await privacy.FinishRunAsync(run, Now, counts, ex.GetType().Name);
        }
    }

    /// <summary>Reports of the days the purge touches are kept first, so a past day's report never changes afterwards.</summary>
    private async Task KeepReportsAsync(DateOnly horizon)
    {
        if (await privacy.OldestCandidateInclusionAsync(horizon) is not { } oldest) return;
        var reporting = GrainFactory.GetGrain<IReportingGrain>(0);
        for (var day = oldest; day < horizon; day = day.AddDays(1))
            if (!await archive.ArchivedAsync(day))
                await archive.ArchiveReportAsync(day, System.Text.Json.JsonSerializer.Serialize(await reporting.DailyReport(day), ArchiveJson));
    }
}
