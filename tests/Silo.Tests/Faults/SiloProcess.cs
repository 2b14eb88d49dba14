using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FollowUp.Tests.Faults;

/// <summary>
/// A silo in a process of its own (the built <c>FollowUp.Silo.dll</c>, as <c>./run.sh add-silo</c> starts it) joining a
/// test cluster through the PostgreSQL membership table, so a test can kill it for real: <see cref="Kill"/> is SIGKILL,
/// no goodbye, its membership row stays Active until the other silos vote it dead.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lastLines = new();

    public int Port { get; }
    public int HealthPort { get; }

    private SiloProcess(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        Port = FreePort();
        HealthPort = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FollowUp.Silo.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["FollowUp__Silo__Port"] = Port.ToString();
        start.Environment["FollowUp__Silo__GatewayPort"] = FreePort().ToString();
        start.Environment["FollowUp__Silo__HealthPort"] = HealthPort.ToString();
        start.Environment["FollowUp__Sms__Provider"] = "Fake";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => // the last lines kept, to say why it stopped
        {
            if (e.Data is null) return;
            _lastLines.Enqueue(e.Data);
            while (_lastLines.Count > 40) _lastLines.TryDequeue(out string? _);
        };
        _process.BeginOutputReadLine();
        _errors = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts the silo with these configuration keys (FollowUp:…) and waits until it is ready (joined, Active).</summary>
    public static async Task<SiloProcess> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var silo = new SiloProcess(settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HealthPort}"), Timeout = TimeSpan.FromSeconds(10) };
        // A wait, not a speed check: a silo starts in seconds, but the shared build machine can be very slow.
        for (var until = DateTime.UtcNow.AddMinutes(5); DateTime.UtcNow < until && !silo._process.HasExited; await Task.Delay(500))
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return silo;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
        }
        var why = (silo._process.HasExited ? $"the silo stopped: {await silo._errors}" : "the silo did not get ready") + "\n"
            + string.Join("\n", silo._lastLines);
        await silo.DisposeAsync();
        throw new InvalidOperationException(why);
    }

    /// <summary><c>kill -9</c>: the process ends at once, without leaving the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
