using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// Keeps each day's report once the day's closing has passed (daily_reports), then mails the kept reports not mailed
/// yet to the ARS list (FollowUp:Report:Mail); a failed send is tried again a minute later. Called at each tick of the
/// reporting grain; one instance per activation.
/// </summary>
public sealed class ReportArchiver(ReportArchive archive, ProtocolSettings settings, ILogger logger, ReportMailer? mailer)
{
    private DateOnly? _archivedUpTo;
    private DateTimeOffset _lastMailAttempt;

    /// <summary>Keeps the days whose closing (by <paramref name="calendar"/>) has passed, each as <paramref name="reportOf"/> computes it.</summary>
    public async Task ArchiveAsync(DateTimeOffset now, PlatformCalendar calendar, Func<DateOnly, Task<DailyReport>> reportOf)
    {
        var today = FollowUpProtocol.LocalDate(now, settings);
        _archivedUpTo ??= await archive.LastArchivedReportAsync() ?? today.AddDays(-8);
        for (var day = _archivedUpTo.Value.AddDays(1); day <= today; day = day.AddDays(1))
        {
            var done = calendar.ClosingOf(day) ?? DailyReports.Bounds(day, settings.Zone).End;
            if (now < done) break;
            var report = await reportOf(day);
            await archive.ArchiveReportAsync(day, System.Text.Json.JsonSerializer.Serialize(report, ReportCalculator.ArchiveJson));
            _archivedUpTo = day;
        }
        await MailAsync();
    }

    private async Task MailAsync()
    {
        if (mailer is null || DateTimeOffset.UtcNow - _lastMailAttempt < TimeSpan.FromMinutes(1)) return;
        _lastMailAttempt = DateTimeOffset.UtcNow;
        var indicators = await archive.SelectedReportIndicatorsAsync();
        foreach (var (date, json) in await archive.UnmailedReportsAsync())
        {
            try
            {
                var report = System.Text.Json.JsonSerializer.Deserialize<DailyReport>(json, ReportCalculator.ArchiveJson)!;
                await mailer.SendAsync(AdditionalIndicatorRows.Keep(report, indicators));
                await archive.MarkReportMailedAsync(date);
            }
            catch (Exception ex)
            {
                logger.LogWarning("Daily report {Date} not mailed ({Error}); will try again", date, ex.GetType().Name + ": " + ex.Message);
                return;
            }
        }
    }
}
