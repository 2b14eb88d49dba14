using FollowUp.Silo.Protocol;
using FollowUp.Tests.Grains;
using Orleans.TestingHost;

namespace FollowUp.Tests.Faults;

/// <summary>
/// Two silos on PostgreSQL membership, storage and reminders, on the real clock (reminders are the production path),
/// with today's SMS hour set about two minutes ahead so a test can have reminders fire after it changed the cluster.
/// The platform is open around the clock (calls due at once are served whatever the hour). Shared by the
/// <see cref="LiveClusterCollection"/>; every test adds the silos it stops.
/// </summary>
public sealed class LiveClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    /// <summary>Today's SMS hour (UTC instant): J2 SMS of persons included two days ago are sent by their reminder then.</summary>
    public DateTimeOffset SmsAt { get; }
    public DateOnly Today { get; }
    /// <summary>The configuration of this cluster's silos, for a silo started in a process of its own (<see cref="SiloProcess"/>).</summary>
    public IReadOnlyDictionary<string, string?> SiloSettings { get; private set; } = new Dictionary<string, string?>();

    public LiveClusterFixture()
    {
        var now = DateTimeOffset.UtcNow;
        SmsAt = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(2);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(SmsAt, Zones.Paris).DateTime);
    }

    public async Task InitializeAsync()
    {
        var smsTime = TimeZoneInfo.ConvertTime(SmsAt, Zones.Paris).ToString("HH:mm");
        var settings = new Dictionary<string, string?>
        {
            ["FollowUp:Simulation:Enabled"] = "false",
            ["FollowUp:Protocol:SmsTime"] = smsTime,
            ["FollowUp:Protocol:SmsLatest"] = "23:59",
            ["FollowUp:Protocol:SmsDays"] = "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
            ["FollowUp:Protocol:SmsOnHolidays"] = "true",
        };
        (Cluster, ConnectionString) = await ClusterFixture.StartAsync("live", 2, settings);
        SiloSettings = new Dictionary<string, string?>(settings)
        {
            ["FollowUp:Cluster:ClusterId"] = "live",
            ["FollowUp:Database:ConnectionString"] = ConnectionString,
        };
        var always = new DayHours(new TimeOnly(0, 0), new TimeOnly(23, 59));
        await Cluster.Client.GetGrain<ICalendarGrain>(0).SetOpeningHours(new OpeningHours
        {
            Days = Enumerable.Repeat<DayHours?>(always, 7).ToArray(),
            OpenOnHolidays = true
        });
    }

    public Task<InclusionResult> IncludeAsync(string externalId, bool mobile, int daysAgo) =>
        Cluster.Client.GetGrain<IPersonGrain>(PersonIds.FromExternalId(externalId)).Include(mobile
            ? Inclusions.Contact(externalId, Today.AddDays(-daysAgo))
            : Inclusions.Contact(externalId, Today.AddDays(-daysAgo)).OnLandline());

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class LiveClusterCollection : ICollectionFixture<LiveClusterFixture>
{
    public const string Name = "live-cluster";
}
