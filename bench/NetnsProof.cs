using System.Diagnostics;
using FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace FollowUp.Bench;

/// <summary>
/// Second half of ./bench.sh netns (scripts/netns-silo.sh starts the silos): as an Orleans client, waits for both silos
/// (one on the host's veth address, one inside its own network namespace) to be active, includes persons, checks that
/// the namespaced silo hosts some of them and answers for them, then asks that silo to leave and checks every person
/// is still served by the other. Exit code 0 only when all of it held.
/// </summary>
public static class NetnsProof
{
    public static async Task<int> RunAsync(string cs, string clusterId, string namespacedAddress, int namespacedPid, int persons)
    {
        var b = Host.CreateApplicationBuilder();
        b.Logging.SetMinimumLevel(LogLevel.Warning);
        b.UseOrleansClient(c => c
            .Configure<Orleans.Configuration.ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = "followup"; })
            .UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = cs; })
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2)));
        using var host = b.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        var management = client.GetGrain<IManagementGrain>(0);

        var deadline = DateTime.UtcNow.AddMinutes(2);
        Dictionary<SiloAddress, SiloStatus> silos;
        while ((silos = await management.GetHosts(onlyActive: true)).Count < 2)
        {
            if (DateTime.UtcNow > deadline) return Fail($"only {silos.Count} active silo(s) after 2 minutes");
            await Task.Delay(1000);
        }
        Console.WriteLine("Active silos: " + string.Join(", ", silos.Keys.Select(s => s.Endpoint)));
        var remote = silos.Keys.FirstOrDefault(s => s.Endpoint.Address.ToString() == namespacedAddress);
        if (remote is null) return Fail($"no active silo advertises {namespacedAddress}");

        var ids = Enumerable.Range(0, persons).Select(i => PersonIds.FromExternalId($"netns-{i}")).ToArray();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, persons), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await client.GetGrain<IPersonGrain>(ids[i]).Include(FollowUp.Tests.Inclusions.Contact($"netns-{i}", today)));
        var perSilo = (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains("PersonGrain", StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        Console.WriteLine($"{persons} persons included in {sw.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine("| silo | person grains |\n|---|---:|");
        foreach (var (silo, n) in perSilo) Console.WriteLine($"| {silo.Endpoint}{(silo.Equals(remote) ? " (network namespace)" : "")} | {n} |");
        if (perSilo.GetValueOrDefault(remote) == 0) return Fail("the namespaced silo hosts no person");
        foreach (var id in ids)
            if (await client.GetGrain<IPersonGrain>(id).Get() is null) return Fail($"person {id} not found");

        Console.WriteLine("Asking the namespaced silo to leave (SIGTERM: graceful shutdown)...");
        using (var kill = Process.Start("kill",
            ["-TERM", namespacedPid.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        deadline = DateTime.UtcNow.AddMinutes(2);
        SiloStatus status;
        while ((status = (await management.GetHosts(onlyActive: false)).GetValueOrDefault(remote)) != SiloStatus.Dead)
        {
            if (DateTime.UtcNow > deadline) return Fail($"the namespaced silo is still {status} 2 minutes after SIGTERM");
            await Task.Delay(500);
        }
        Console.WriteLine($"Namespaced silo status: {status}");
        foreach (var id in ids)
            if (await client.GetGrain<IPersonGrain>(id).Get() is null) return Fail($"person {id} not served after the silo left");
        Console.WriteLine($"PASS: a silo at {namespacedAddress} (own network namespace) joined, hosted {perSilo[remote]} of {persons} persons, " +
            $"left gracefully ({status}); all {persons} served afterwards.");
        await host.StopAsync();
        return 0;
    }

    private static int Fail(string why)
    {
        Console.WriteLine($"FAIL: {why}");
        return 1;
    }
}
