namespace FollowUp.Web.Application.Imports;

/// <summary>
/// Imports half done by a web node that died: every web node looks, a few times per
/// <see cref="ImportOptions.InterruptedAfterSeconds"/>, for running imports whose heartbeat stopped and marks them
/// interrupted (<see cref="ImportRunner.MarkInterruptedAsync"/>), so the page and the API say at once that the file is
/// to be sent again. A database away only delays the next look.
/// </summary>
public sealed class ImportWatchdog(ImportRunner runner, ImportOptions options, ILogger<ImportWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.InterruptedAfterSeconds / 4)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var marked = await runner.MarkInterruptedAsync();
                if (marked > 0) logger.LogWarning("{Count} import(s) whose web node stopped marked interrupted", marked);
            }
            catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
            {
                logger.LogInformation("Import watchdog: database unavailable ({State}); next look in a moment", DatabaseFailure.SqlState(ex));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Never stops the web host (a background service's exception would): logged, tried again at the next look.
                logger.LogError("Import watchdog failed ({Error}); next look in a moment", ex.GetType().Name);
            }
        }
    }
}
