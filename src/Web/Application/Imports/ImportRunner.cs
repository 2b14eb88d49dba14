using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace FollowUp.Web.Application.Imports;

public sealed record PossibleDuplicate(int Line, string ExternalId, string ExistingExternalId);

/// <summary>The answer of an import (page and API): counts, every rejected line's errors, possible duplicates.</summary>
public sealed record ImportResult(
    Guid ImportId, string Status, string FileName, int Total, int Processed, int Accepted, int Duplicates, int Rejected,
    IReadOnlyList<ImportError> Errors, IReadOnlyList<PossibleDuplicate> PossibleDuplicates, string? Message, DateTimeOffset CreatedAt);

/// <summary>
/// Includes the lines of a daily inclusion file. Each line's inclusion is atomic (state, schedule and first reminder
/// together: by its batch in the silo, or its PersonGrain), so a crash leaves every line included or not, and re-sending
/// the file completes it (the externalId is the key: a line already included counts as a duplicate). Lines go to the
/// cluster in batches (one duplicate query and one message per batch, <see cref="IInclusionBatchGrain"/>). Small files are
/// answered at once; larger ones run in the background with progress pushed over SignalR and kept in the imports table.
/// </summary>
public sealed class ImportRunner(NpgsqlDataSource db, IClusterClient cluster, PlatformClock clock, IHubContext<LiveHub> hub,
    ImportOptions options, ILogger<ImportRunner> logger, PersonIndexQueries persons)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public long MaxBytes => options.MaxBytes;
    public int SyncMaxLines => options.SyncMaxLines;
    public int MaxLines => options.MaxLines;
    private readonly int _parallelism = options.Parallelism;
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private const int IncludeAttempts = 8; // ~1 min of backoff: rides out a silo restart

    public async Task<ImportResult> StartAsync(byte[] bytes, string fileName, string user, bool answerSmallFilesAtOnce)
    {
        var id = Guid.NewGuid();
        var file = CsvInclusionFile.Parse(bytes, MaxLines);
        var createdAt = (await clock.NowAsync()).UtcDateTime; // platform time: the retention purge counts from it (virtual in simulation)
        await using (var conn = await db.OpenConnectionAsync())
            await conn.ExecuteAsync("INSERT INTO imports (id, created_at, created_by, file_name, status, total, heartbeat_at) " +
                "VALUES (@id, @createdAt, @user, @fileName, @status, @total, now())",
                new { id, createdAt, user, fileName, status = file.FileErrors.Count > 0 ? "failed" : "running", total = file.Lines.Count });
        if (file.FileErrors.Count > 0)
        {
            await SaveAsync(id, "failed", new Counters(), file.FileErrors, [], null, Texts.Get("Import_FileUnreadable"));
            return (await GetAsync(id))!;
        }
        var run = RunAsync(id, file, user);
        if (answerSmallFilesAtOnce && file.Lines.Count <= SyncMaxLines) await run;
        else _running[id] = run.ContinueWith(_ => _running.TryRemove(id, out Task? _), TaskScheduler.Default);
        return (await GetAsync(id))!;
    }

    public async Task<ImportResult?> GetAsync(Guid id)
    {
        await using var conn = await db.OpenConnectionAsync();
        var r = await conn.QuerySingleOrDefaultAsync<Row>(
            "SELECT id, status, file_name, total, processed, accepted, duplicates, rejected, errors::text AS errors, possible_duplicates::text AS " +
                "possible_duplicates, message, created_at FROM imports WHERE id = @id", new { id });
        return r is null ? null : new ImportResult(r.Id, r.Status, r.File_Name, r.Total, r.Processed, r.Accepted, r.Duplicates, r.Rejected,
            JsonSerializer.Deserialize<List<ImportError>>(r.Errors, Json)!,
                JsonSerializer.Deserialize<List<PossibleDuplicate>>(r.Possible_Duplicates, Json)!,
            r.Message, new DateTimeOffset(r.Created_At, TimeSpan.Zero));
    }

    public async Task<IReadOnlyList<ImportResult>> RecentAsync(int count = 20)
    {
        await using var conn = await db.OpenConnectionAsync();
        var ids = await conn.QueryAsync<Guid>("SELECT id FROM imports ORDER BY created_at DESC LIMIT @count", new { count });
        var list = new List<ImportResult>();
        foreach (var id in ids) list.Add((await GetAsync(id))!);
        return list;
    }

    public async Task<string?> RejectsCsvAsync(Guid id)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<string?>("SELECT rejects_csv FROM imports WHERE id = @id", new { id });
    }

    /// <summary>
    /// Imports left "running" by a web process that stopped are marked interrupted (re-send the file to complete them):
    /// the node running an import touches its row with each progress write (every half second, <c>heartbeat_at</c>), so
    /// one whose heartbeat is older than <see cref="ImportOptions.InterruptedAfterSeconds"/> has lost its node (rows from
    /// before the heartbeat: an hour after their creation). Any node does this, at start and in <see cref="ImportWatchdog"/>.
    /// Returns how many were marked.
    /// </summary>
    public async Task<int> MarkInterruptedAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteAsync("""
            UPDATE imports SET status = 'interrupted', message = @message
            WHERE status = 'running'
              AND (heartbeat_at < now() - make_interval(secs => @seconds) OR (heartbeat_at IS NULL AND created_at < now() - interval '1 hour'))
            """, new { message = Texts.Get("Import_Interrupted"), seconds = (double)options.InterruptedAfterSeconds });
    }

    private sealed class Counters { public int Processed, Accepted, Duplicates, Rejected; }

    private async Task RunAsync(Guid id, CsvInclusionFile file, string user)
    {
        var counters = new Counters();
        var errors = new ConcurrentBag<ImportError>();
        var possible = new ConcurrentBag<PossibleDuplicate>();
        var rejectedLines = new ConcurrentDictionary<int, CsvLine>();
        var today = await clock.TodayAsync();
        var actor = Actors.Import(user);
        var planned = Plan(file, today, actor);
        using var cts = new CancellationTokenSource();
        var progress = ProgressAsync(id, counters, file.Lines.Count, cts.Token);
        try
        {
            var batchesInFlight = Math.Max(1, _parallelism / InclusionBatchConcurrency);
            await Parallel.ForEachAsync(planned.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = batchesInFlight },
                async (batch, _) =>
            {
                foreach (var (plan, outcome) in await IncludeBatchAsync(batch, file, errors, possible))
                {
                    switch (outcome)
                    {
                        case LineOutcome.Accepted: Interlocked.Increment(ref counters.Accepted); break;
                        case LineOutcome.Duplicate: Interlocked.Increment(ref counters.Duplicates); break;
                        default: Interlocked.Increment(ref counters.Rejected); rejectedLines[plan.Line.Line] = plan.Line; break;
                    }
                    Interlocked.Increment(ref counters.Processed);
                    FollowUpMetrics.ImportLines.Add(1, FollowUpMetrics.Tag("result", outcome.ToString().ToLowerInvariant()));
                }
            });
            var sorted = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
            await SaveAsync(id, "done", counters, sorted, possible.OrderBy(p => p.Line).ToList(),
                RejectsCsv(file, rejectedLines.Values, sorted), null);
        }
        catch (Exception ex)
        {
            logger.LogError("Import {ImportId} failed: {Error}", id, ex.GetType().Name + ": " + ex.Message);
            await SaveAsync(id, "failed", counters, errors.OrderBy(e => e.Line).ToList(), [], null, Texts.Get("Import_InternalError"));
        }
        finally
        {
            await cts.CancelAsync();
            try { await progress; } catch (OperationCanceledException) { }
        }
        await hub.Clients.Group("import:" + id).SendAsync("import", await GetAsync(id));
    }

    /// <summary>
    /// Lines sent to the cluster in one message (see <see cref="IInclusionBatchGrain"/>): two rounds of the batch's
    /// concurrency, so a batch answers well within Orleans' response timeout even on a loaded machine (a timed-out batch
    /// tried again would count its lines already included as duplicates).
    /// </summary>
    private const int BatchSize = 2 * InclusionBatchConcurrency;
    /// <summary>Inclusions one batch runs at once on its silo (FollowUp:Import:Parallelism counts them: batches in flight = Parallelism /
    /// this).</summary>
    private const int InclusionBatchConcurrency = 16;

    private enum LineOutcome { Accepted, Duplicate, Rejected }

    /// <summary>A line read and validated, with what the file itself already decided about it.</summary>
    private sealed record PlannedLine(CsvLine Line, InclusionRequest? Request, List<ImportError> Errors, bool DuplicateInFile, string? TwinInFile);

    /// <summary>Reads and validates every line in file order, so that within-file duplicates are decided by line
    /// order (the first line wins), whatever order the parallel inclusion then runs in.</summary>
    private static List<PlannedLine> Plan(CsvInclusionFile file, DateOnly today, string actor)
    {
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenPeople = new Dictionary<string, string>();
        var planned = new List<PlannedLine>(file.Lines.Count);
        foreach (var line in file.Lines)
        {
            var (input, lineErrors) = file.ToInput(line);
            var (request, fieldErrors) = Inclusion.Validate(input, actor, today);
            foreach (var (field, messages) in fieldErrors) lineErrors.Add(new ImportError(line.Line, file.ColumnName(field),
                string.Join(" ", messages)));
            if (request is null || lineErrors.Count > 0) { planned.Add(new PlannedLine(line, null, lineErrors, false, null)); continue; }
            if (!seenIds.Add(request.ExternalId)) { planned.Add(new PlannedLine(line, request, lineErrors, true, null)); continue; }
            var personKey = $"{request.Phone}|{request.LastName.ToLowerInvariant()}|{request.FirstName.ToLowerInvariant()}|{request.BirthDate}";
            var twin = seenPeople.TryAdd(personKey, request.ExternalId) ? null : seenPeople[personKey];
            planned.Add(new PlannedLine(line, request, lineErrors, false, twin));
        }
        return planned;
    }

    /// <summary>
    /// A batch of planned lines: the file's own verdicts, one query for the possible duplicates already in the register,
    /// then one cluster call for the lines to include. Inclusion is idempotent (externalId → grain): lines whose call
    /// failed (a silo restarting) are tried again with backoff, then rejected with a clear error.
    /// </summary>
    private async Task<List<(PlannedLine Plan, LineOutcome Outcome)>> IncludeBatchAsync(PlannedLine[] batch, CsvInclusionFile file,
        ConcurrentBag<ImportError> errors, ConcurrentBag<PossibleDuplicate> possible)
    {
        var outcomes = new List<(PlannedLine, LineOutcome)>(batch.Length);
        var candidates = new List<PlannedLine>(batch.Length);
        foreach (var plan in batch)
        {
            if (plan.Request is null) { foreach (var e in plan.Errors) errors.Add(e); outcomes.Add((plan, LineOutcome.Rejected)); }
            else if (plan.DuplicateInFile) outcomes.Add((plan, LineOutcome.Duplicate)); // same externalId earlier in the file
            else candidates.Add(plan);
        }
        var existing = await persons.SameIdentityAsync(candidates.Where(c => c.TwinInFile is null).Select(c => c.Request!).ToList());
        var toInclude = new List<PlannedLine>(candidates.Count);
        foreach (var plan in candidates)
        {
            var other = plan.TwinInFile ?? existing.GetValueOrDefault(plan.Request!.ExternalId);
            if (other is not null && other != plan.Request!.ExternalId)
            {
                possible.Add(new PossibleDuplicate(plan.Line.Line, plan.Request!.ExternalId, other));
                errors.Add(new ImportError(plan.Line.Line, file.ColumnName("externalId"), Texts.Get("Err_PossibleDuplicate", other)));
                outcomes.Add((plan, LineOutcome.Rejected));
            }
            else toInclude.Add(plan);
        }
        for (var attempt = 1; toInclude.Count > 0; attempt++)
        {
            List<InclusionBatchResult> results;
            try { results = await cluster.GetGrain<IInclusionBatchGrain>(0).Include(toInclude.Select(p => p.Request!).ToList()); }
            catch (Exception ex) when (attempt < IncludeAttempts)
            {
                logger.LogInformation("Import batch of {Lines} lines from line {Line}: attempt {Attempt} failed ({Error}), retrying",
                    toInclude.Count, toInclude[0].Line.Line, attempt, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt)));
                continue;
            }
            catch (Exception ex)
            {
                results = toInclude.Select(_ => new InclusionBatchResult(false, ex.GetType().Name)).ToList();
            }
            var failed = new List<PlannedLine>();
            for (var i = 0; i < toInclude.Count; i++)
            {
                if (results[i].Error is null) outcomes.Add((toInclude[i], results[i].Created ? LineOutcome.Accepted : LineOutcome.Duplicate));
                else if (attempt < IncludeAttempts) failed.Add(toInclude[i]);
                else
                {
                    logger.LogWarning("Import line {Line} not included: {Error}", toInclude[i].Line.Line, results[i].Error);
                    errors.Add(new ImportError(toInclude[i].Line.Line, "", Texts.Get("Err_Unavailable")));
                    outcomes.Add((toInclude[i], LineOutcome.Rejected));
                }
            }
            if (failed.Count > 0)
            {
                logger.LogInformation("Import: {Lines} lines from line {Line} failed at attempt {Attempt}, retrying", failed.Count,
                    failed[0].Line.Line, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt)));
            }
            toInclude = failed;
        }
        return outcomes;
    }

    private async Task ProgressAsync(Guid id, Counters c, int total, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                await conn.ExecuteAsync("UPDATE imports SET processed = @Processed, accepted = @Accepted, duplicates = @Duplicates, rejected = " +
                    "@Rejected, heartbeat_at = now() WHERE id = @id", // the heartbeat: this node still runs the import
                    new { id, c.Processed, c.Accepted, c.Duplicates, c.Rejected });
            }
            catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
            {
                continue; // the database away (a restart): the import goes on, the next tick writes its progress
            }
            await hub.Clients.Group("import:" + id).SendAsync("progress",
                new { importId = id, total, processed = c.Processed, accepted = c.Accepted, duplicates = c.Duplicates, rejected = c.Rejected }, ct);
        }
    }

    private async Task SaveAsync(Guid id, string status, Counters c, IReadOnlyList<ImportError> errors, IReadOnlyList<PossibleDuplicate> possible,
        string? rejectsCsv, string? message)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            UPDATE imports SET status = @status, processed = @Processed, accepted = @Accepted, duplicates = @Duplicates, rejected = @Rejected,
                errors = @errors::jsonb, possible_duplicates = @possible::jsonb, rejects_csv = @rejectsCsv, message = @message
            WHERE id = @id
            """, new
        {
            id,
            status,
            c.Processed,
            c.Accepted,
            c.Duplicates,
            c.Rejected,
            errors = JsonSerializer.Serialize(errors, Json),
            possible = JsonSerializer.Serialize(possible, Json),
            rejectsCsv,
            message
        });
    }

    /// <summary>The rejected lines as written, plus an "erreur" column: fix them and send this file again.</summary>
    private static string? RejectsCsv(CsvInclusionFile file, IEnumerable<CsvLine> rejected, IReadOnlyList<ImportError> errors)
    {
        var lines = rejected.OrderBy(l => l.Line).ToList();
        if (lines.Count == 0) return null;
        var byLine = errors.GroupBy(e => e.Line).ToDictionary(g => g.Key, g =>
            string.Join(" | ", g.Select(e => e.Column.Length > 0 ? $"{e.Column}: {e.Message}" : e.Message)));
        using var sw = new StringWriter();
        using (var csv = new CsvWriter(sw, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ";",
            InjectionOptions = InjectionOptions.Escape,
            InjectionCharacters = CsvCells.FormulaStarts
        }))
        {
            foreach (var h in file.Header) csv.WriteField(h);
            csv.WriteField("erreur");
            csv.NextRecord();
            foreach (var l in lines)
            {
                for (var i = 0; i < file.Header.Count; i++) csv.WriteField(i < l.Raw.Length ? l.Raw[i] : "");
                csv.WriteField(byLine.GetValueOrDefault(l.Line, ""));
                csv.NextRecord();
            }
        }
        return sw.ToString();
    }

    private sealed record Row(Guid Id, string Status, string File_Name, int Total, int Processed, int Accepted, int Duplicates, int Rejected,
        string Errors, string Possible_Duplicates, string? Message, DateTime Created_At);
}
