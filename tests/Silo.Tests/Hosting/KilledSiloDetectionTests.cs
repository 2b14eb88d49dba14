using System.Net;
using System.Net.Sockets;
using FollowUp.Silo.Hosting;

namespace FollowUp.Tests.Hosting;

/// <summary><see cref="KilledSiloDetection"/>'s look at a port and how refusals are counted.</summary>
public class KilledSiloDetectionTests
{
    [Fact]
    public async Task A_listening_port_accepts_and_a_closed_one_refuses()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        Assert.False(await KilledSiloDetection.RefusedAsync(endpoint, CancellationToken.None));
        listener.Stop();
        Assert.True(await KilledSiloDetection.RefusedAsync(endpoint, CancellationToken.None));
    }

    [Fact]
    public void A_look_that_proves_nothing_neither_counts_nor_clears_the_refusals()
    {
        Assert.Equal(3, KilledSiloDetection.Count(2, true));
        Assert.Equal(2, KilledSiloDetection.Count(2, null));
        Assert.Equal(0, KilledSiloDetection.Count(2, false));
    }

    [Fact]
    public void Refusals_between_timeouts_of_a_starved_host_still_declare_the_silo_dead()
    {
        bool?[] looks = [true, null, true, null, null, true, true];
        Assert.Equal(KilledSiloDetection.Refusals, looks.Aggregate(0, KilledSiloDetection.Count));
        bool?[] alive = [true, true, true, false, true];
        Assert.True(alive.Aggregate(0, KilledSiloDetection.Count) < KilledSiloDetection.Refusals);
    }
}
