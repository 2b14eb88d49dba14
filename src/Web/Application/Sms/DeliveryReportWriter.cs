using System.Threading.Channels;
using Npgsql;

namespace FollowUp.Web.Application.Sms;

/// <summary>
/// Records OVH delivery reports in groups: each request queues its report and waits; one writer takes up to
/// <see cref="MaxBatch"/> waiting reports and records them with one statement of the <see cref="SmsLedger"/> (the
/// message's status, or a pending report when our record of the SMS is not written yet); once it commits, every request
/// of the group is answered.
/// A database that is slow or saturated makes the answers slower, never errors: a failed write is retried with backoff.
/// The person grains hear of the reports afterwards, from a bounded set of workers.
/// </summary>
public sealed class DeliveryReportWriter(SmsLedger ledger, IClusterClient cluster, ILogger<DeliveryReportWriter> logger) : BackgroundService
{
    public const int MaxBatch = 1000;
    /// <summary>How often at most the pending reports are matched with their SMS records (<see cref="ApplyPendingAsync"/>): after
    /// every group it was the database's costliest statement in a 20,000-SMS wave (1,345 runs, 15 ms each, a join with
    /// sms_messages that grows with the table), for the rare report that raced its record. Such a report is now matched within
    /// a second while reports flow, and at the loop's 5 s idle wake-up once they stop.</summary>
    public static readonly TimeSpan ApplyPendingEvery = TimeSpan.FromSeconds(1);
    private const int NotifyWorkers = 16;
    private readonly Channel<(DeliveryReport Report, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(DeliveryReport, TaskCompletionSource)>(new BoundedChannelOptions(50_000)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait
        });
    private readonly Channel<(Guid PersonId, string MilestoneId, bool Delivered)> _notify = Channel.CreateUnbounded<(Guid, string, bool)>();

    /// <summary>Completes once the report is durable.</summary>
    public async Task RecordAsync(DeliveryReport report, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((report, done), ct);
        await done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, NotifyWorkers).Select(_ => NotifyAsync(stoppingToken)).ToList();
        var batch = new List<(DeliveryReport Report, TaskCompletionSource Done)>(MaxBatch);
        var nextApply = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    idle.CancelAfter(TimeSpan.FromSeconds(5));
                    try { await _queue.Reader.WaitToReadAsync(idle.Token); }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
                }
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
                if (batch.Count > 0)
                {
                    var recorded = await WriteAsync(batch.Select(b => b.Report).ToList(), stoppingToken);
                    foreach (var b in batch) b.Done.TrySetResult();
                    foreach (var r in recorded) _notify.Writer.TryWrite(r);
                }
                if (Environment.TickCount64 < nextApply) continue;
                nextApply = Environment.TickCount64 + (long)ApplyPendingEvery.TotalMilliseconds;
                foreach (var r in await ApplyPendingAsync(stoppingToken)) _notify.Writer.TryWrite(r);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        _notify.Writer.TryComplete();
        await Task.WhenAll(workers);
    }

    private async Task<List<(Guid PersonId, string MilestoneId, bool Delivered)>> WriteAsync(List<DeliveryReport> reports,
        CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ledger.RecordDeliveryReportsAsync(reports, stop);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stop.IsCancellationRequested)
            {
                var wait = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(attempt, 6))));
                logger.LogWarning("Delivery reports: a group of {Count} not written yet ({Error}); trying again in {Wait} ms", reports.Count,
                    ex.GetType().Name, wait.TotalMilliseconds);
                await Task.Delay(wait, stop);
            }
        }
    }

    /// <summary>Applies the pending reports whose SMS record now exists (see <see cref="SmsLedger.ApplyPendingDeliveryReportsAsync"/>).</summary>
    private async Task<List<(Guid PersonId, string MilestoneId, bool Delivered)>> ApplyPendingAsync(CancellationToken stop)
    {
        try
        {
            return await ledger.ApplyPendingDeliveryReportsAsync(stop);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stop.IsCancellationRequested)
        {
            logger.LogInformation("Pending delivery reports not applied yet ({Error})", ex.GetType().Name);
            return [];
        }
    }

    /// <summary>Tells each person's grain (the timeline's smsDelivered); the report itself is already durable.</summary>
    private async Task NotifyAsync(CancellationToken stop)
    {
        await foreach (var (personId, milestoneId, delivered) in _notify.Reader.ReadAllAsync(CancellationToken.None))
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                try
                {
                    await cluster.GetGrain<IPersonGrain>(personId).SmsDeliveryReport(milestoneId, delivered);
                    break;
                }
                catch (Exception ex) when (attempt < 5 && !stop.IsCancellationRequested)
                {
                    logger.LogInformation("Delivery report of {PersonId} not told to the person yet ({Error}); trying again",
                        personId, ex.GetType().Name);
                    await Task.Delay(TimeSpan.FromSeconds(attempt), CancellationToken.None);
                }
                catch (Exception ex)
                {
                    logger.LogWarning("Delivery report of {PersonId} recorded but not told to the person ({Error}); its next wake reads it back",
                        personId, ex.GetType().Name);
                }
            }
        }
    }
}
