using System.Threading.Channels;
using Npgsql;

namespace FollowUp.Web.Application.Sms;

/// <summary>
/// Records OVH delivery reports in groups: each request queues its report and waits; one writer takes up to
/// <see cref="MaxBatch"/> waiting reports and records them with one statement (the message's status, or a pending
/// report when our record of the SMS is not written yet); once it commits, every request of the group is answered.
/// A database that is slow or saturated makes the answers slower, never errors: a failed write is retried with backoff.
/// The person grains hear of the reports afterwards, from a bounded set of workers.
/// </summary>
public sealed class DeliveryReportWriter(NpgsqlDataSource db, IClusterClient cluster, ILogger<DeliveryReportWriter> logger) : BackgroundService
{
    public const int MaxBatch = 1000;
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
                foreach (var r in await ApplyPendingAsync(stoppingToken)) _notify.Writer.TryWrite(r);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        _notify.Writer.TryComplete();
        await Task.WhenAll(workers);
    }

    private async Task<List<(Guid, string, bool)>> WriteAsync(List<DeliveryReport> reports, CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(stop);
                await using var cmd = new NpgsqlCommand("""
                    WITH r AS (SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[]) AS r(id, dlr, delivered)),
                    u AS (UPDATE sms_messages s SET delivery_status = r.dlr,
                                 delivered_at = CASE WHEN r.delivered THEN now() ELSE s.delivered_at END
                          FROM r WHERE s.provider_id = r.id
                          RETURNING s.provider_id, s.person_id, s.milestone_id),
                    p AS (INSERT INTO pending_delivery_reports (provider_id, delivery_status, delivered)
                          SELECT r.id, r.dlr, r.delivered FROM r
                          WHERE r.delivered IS NOT NULL AND NOT EXISTS (SELECT 1 FROM u WHERE u.provider_id = r.id)
                          ON CONFLICT DO NOTHING)
                    SELECT u.person_id, u.milestone_id, r.delivered FROM u JOIN r ON r.id = u.provider_id WHERE r.delivered IS NOT NULL
                    """, conn) { CommandTimeout = 120 };
                cmd.Parameters.Add(new NpgsqlParameter { Value = reports.Select(r => r.ProviderId).ToArray() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = reports.Select(r => r.Status).ToArray() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = reports.Select(r => r.Delivered).ToArray() });
                var recorded = new List<(Guid, string, bool)>();
                await using var reader = await cmd.ExecuteReaderAsync(stop);
                while (await reader.ReadAsync(stop)) recorded.Add((reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2)));
                return recorded.Distinct().ToList();
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

    /// <summary>
    /// Reports kept as pending because our record of the SMS was not visible yet, whose record now exists: applied to the
    /// message (a report and the record committing at the same moment could otherwise leave one pending for good).
    /// </summary>
    private async Task<List<(Guid, string, bool)>> ApplyPendingAsync(CancellationToken stop)
    {
        try
        {
            await using var conn = await db.OpenConnectionAsync(stop);
            await using var cmd = new NpgsqlCommand("""
                WITH p AS (DELETE FROM pending_delivery_reports d USING sms_messages s WHERE s.provider_id = d.provider_id
                           RETURNING d.provider_id, d.delivery_status, d.delivered)
                UPDATE sms_messages s SET delivery_status = p.delivery_status,
                       delivered_at = CASE WHEN p.delivered THEN coalesce(s.delivered_at, now()) ELSE s.delivered_at END
                FROM p WHERE s.provider_id = p.provider_id
                RETURNING s.person_id, s.milestone_id, p.delivered
                """, conn);
            var applied = new List<(Guid, string, bool)>();
            await using var reader = await cmd.ExecuteReaderAsync(stop);
            while (await reader.ReadAsync(stop)) applied.Add((reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2)));
            return applied;
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
                    logger.LogWarning("Delivery report of {PersonId} recorded but not told to the person ({Error})", personId, ex.GetType().Name);
                }
            }
        }
    }
}

/// <summary>One OVH delivery report: the provider's message id, the dlr code, and whether it says delivered (1), not delivered (2, 16) or
/// neither.</summary>
public sealed record DeliveryReport(string ProviderId, string Status, bool? Delivered);
