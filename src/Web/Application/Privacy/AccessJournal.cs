using System.Security.Claims;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace FollowUp.Web.Application.Privacy;

/// <summary>
/// Writes the access journal in groups. A request hands its entry over at the start of its work
/// (<see cref="Record(HttpContext, string, string?, string?, string?)"/>) and awaits the returned task before it answers:
/// the entry is written by the batch writer together with every other entry queued meanwhile (one INSERT, one commit),
/// while the request does its own reads, so reading a record costs no extra round trip on its path. Nothing is
/// answered before its entry is committed: if the process dies, the request got no answer (no read without its trace);
/// if the journal cannot be written, the request fails instead of answering unjournaled.
/// </summary>
public sealed class AccessJournal(NpgsqlDataSource db, PlatformClock clock, ILogger<AccessJournal> logger) : BackgroundService
{
    private const int MaxBatch = 1000;
    private readonly Channel<(AccessEntry Entry, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(AccessEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Journals an action of the request's user (the API key's name for the API); completes once committed. Once per
    /// request: a read run again on a fresh connection after the database was away (<see cref="Platform.DatabaseReadRetry"/>)
    /// is one read, journaled once; an entry whose write failed is written by the next attempt.
    /// </summary>
    public async Task Record(HttpContext http, string action, string? objectType = null, string? objectId = null, string? detail = null)
    {
        var key = string.Join('\u001f', action, objectType, objectId, detail);
        if (http.Items[JournaledKey] is not HashSet<string> journaled) http.Items[JournaledKey] = journaled = [];
        lock (journaled) if (journaled.Contains(key)) return;
        var user = http.User;
        var api = user.Identity?.AuthenticationType == ApiKeyAuthentication.SchemeName;
        await Record(user.Identity?.Name ?? "anonymous", RoleOf(user), action, objectType, objectId, detail, api ? "API" : "UI", http);
        lock (journaled) journaled.Add(key);
    }

    private static readonly object JournaledKey = new();

    /// <summary>Journals an action whose user is not (yet) the request's principal: sign-in and failed sign-in.</summary>
    public async Task Record(string userName, string role, string action, string? objectType, string? objectId, string? detail, string channel,
        HttpContext? http)
    {
        var at = clock.Simulation ? await clock.NowAsync() : DateTimeOffset.UtcNow;
        var entry = new AccessEntry(Guid.NewGuid(), at, userName, role, action, objectType, objectId, detail, channel,
            http?.Connection.RemoteIpAddress?.ToString());
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((entry, done))) throw new InvalidOperationException("The access journal is stopped.");
        await done.Task;
    }

    /// <summary>A sign-in attempt from the login page (success or failure).</summary>
    public Task SignIn(HttpContext http, string? userName, string? role, bool success) =>
        Record(string.IsNullOrWhiteSpace(userName) ? "?" : userName.Trim()[..Math.Min(userName.Trim().Length, 64)], role ?? "",
            success ? AccessActions.SignIn : AccessActions.SignInFailed, "account", null, null, "UI", http);

    private static string RoleOf(ClaimsPrincipal user) => string.Join(",", user.FindAll(ClaimTypes.Role).Select(c => c.Value));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<(AccessEntry Entry, TaskCompletionSource Done)>(MaxBatch);
        // Runs until the queue is completed (at shutdown, after the last entries are written).
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var item)) batch.Add(item);
            try
            {
                await WriteWithRetriesAsync(batch.Select(b => b.Entry).ToList());
                foreach (var b in batch) b.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                logger.LogError("Access journal: {Count} entries not written ({Error}); their requests fail", batch.Count, ex.GetType()
                    .Name + ": " + ex.Message);
                foreach (var b in batch) b.Done.TrySetException(new InvalidOperationException("The access journal could not be written.", ex));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteWithRetriesAsync(List<AccessEntry> entries)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(entries);
                return;
            }
            catch (Exception) when (attempt < 3)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    /// <summary>One statement for the whole group; entry ids make a retried write idempotent.</summary>
    private async Task WriteAsync(List<AccessEntry> e)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO access_log (entry_id, at, user_name, role, action, object_type, object_id, detail, channel, ip)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                $10::text[])
            ON CONFLICT (entry_id) DO NOTHING
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = e.Select(x => x.EntryId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = e.Select(x => x.At.UtcDateTime).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz
        });
        cmd.Parameters.Add(new NpgsqlParameter { Value = e.Select(x => x.User).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = e.Select(x => x.Role).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = e.Select(x => x.Action).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = e.Select(x => x.ObjectType).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text
        });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = e.Select(x => x.ObjectId).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text
        });
        cmd.Parameters.Add(new NpgsqlParameter { Value = e.Select(x => x.Detail).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = e.Select(x => x.Channel).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = e.Select(x => x.Ip).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync();
    }
}
