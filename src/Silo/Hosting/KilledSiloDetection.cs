using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Hosting;

/// <summary>
/// Declares dead, within seconds, a silo whose process is gone (<c>kill -9</c>, a crash): its port refuses connections.
/// Orleans' own probes count a refused connection as one missed probe and wait a probe period between probes — a period
/// it stretches up to 4 × 5 s while its own host is degraded, so on this 2-core machine under load a killed silo stayed
/// Active longer than its callers' retries (chaos run: calls failed 5 s after a kill, and waited 30 s for answers lost with
/// it). Shortening Orleans' probe timeouts instead risks declaring dead a live silo that is only starved. A refused
/// connection is not a slow answer: a live process, however starved, keeps its listening socket and
/// its kernel answers the handshake; only a process gone (or a port nobody listens on) refuses. So every Active silo
/// connects to each other Active silo's port every <see cref="Every"/> (connect, close: nothing sent), and once a port
/// has refused <see cref="Refusals"/> times with no connection accepted in between, <see cref="SuspectEvery"/> apart,
/// the silo is declared dead (<see cref="IClusterMembershipService.TryKill"/>, as Orleans' Kubernetes agent does for a
/// pod gone): its grains are activated elsewhere while their callers' retries still wait (<see cref="TransientFailureRetry"/>).
/// A timeout or any other error proves nothing either way: it neither counts nor clears the refusals (on a starved host
/// a look at a closed port can time out before its continuation runs, and clearing the count then is the likely reason
/// a killed silo stayed Active for about 100 s at load 80 in the 50,000-person chaos run). Only an accepted connection
/// clears them. A silo leaving gracefully is ShuttingDown, not Active.
/// </summary>
public sealed class KilledSiloDetection(IClusterMembershipService membership, ILocalSiloDetails local, ILogger<KilledSiloDetection> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan SuspectEvery = TimeSpan.FromSeconds(1);
    public const int Refusals = 4;
    private readonly Dictionary<SiloAddress, int> _refused = [];

    /// <summary>Started unless <c>FollowUp:Silo:KilledSiloDetection</c> is false.</summary>
    public static void Configure(ISiloBuilder silo, IConfiguration config)
    {
        if (SectionOptions.Read<SiloOptions>(config).KilledSiloDetection) silo.Services.AddHostedService<KilledSiloDetection>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var suspect = false;
            try
            {
                suspect = await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Killed-silo detection: {Error}", ex.GetType().Name + ": " + ex.Message);
            }
            try { await Task.Delay(suspect ? SuspectEvery : Every, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One look at every other Active silo; true while one of them is suspected (refused, not yet declared dead).</summary>
    private async Task<bool> SweepAsync(CancellationToken stop)
    {
        var members = membership.CurrentSnapshot.Members;
        if (!members.TryGetValue(local.SiloAddress, out var me) || me.Status != SiloStatus.Active) return false;
        var others = members.Values.Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress))
            .Select(m => m.SiloAddress).ToList();
        foreach (var gone in _refused.Keys.Except(others).ToList()) _refused.Remove(gone);
        var looks = await Task.WhenAll(others.Select(async s => (Silo: s, Refused: await RefusedAsync(s.Endpoint, stop))));
        foreach (var (silo, refused) in looks)
        {
            var times = _refused[silo] = Count(_refused.GetValueOrDefault(silo), refused);
            if (times < Refusals) continue;
            logger.LogWarning("Silo {Silo} refused connections {Times} times (none accepted in between): its process is gone, declared dead",
                silo, times);
            _refused.Remove(silo);
            await membership.TryKill(silo);
        }
        return _refused.Values.Any(n => n > 0);
    }

    /// <summary>The refusals counted after one more look (<see cref="RefusedAsync"/>): a refusal adds one, an accepted
    /// connection clears them, anything else (null) leaves them as they were.</summary>
    public static int Count(int refusals, bool? refused) => refused switch
    {
        true => refusals + 1,
        false => 0,
        null => refusals,
    };

    /// <summary>Connects to the endpoint and closes at once (nothing sent): true when refused (nothing listens there),
    /// false when accepted (a process listens there), null on a timeout or another error (proves nothing).</summary>
    public static async Task<bool?> RefusedAsync(IPEndPoint endpoint, CancellationToken stop)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            return null;
        }
    }
}
