using Microsoft.Extensions.Configuration;

namespace FollowUp;

/// <summary>
/// <c>FollowUp:Cluster</c>, read by both processes: the Orleans cluster's identity. An empty ClusterId is
/// <c>followup</c>, or <c>followup-sim</c> when <c>FollowUp:Simulation:Enabled</c> (so a simulation never joins the
/// real cluster); see <see cref="Read"/>.
/// </summary>
public sealed class ClusterOptions : ISectionOptions
{
    /// <summary>Orleans keeps the ids in varchar(150) columns (db/0002 and the storage tables).</summary>
    private const int MaxLength = 150;
    private const string Name = "followup";

    public static string Section => "FollowUp:Cluster";

    public string ClusterId { get; set; } = "";

    public string ServiceId { get; set; } = Name;

    /// <summary>The options of this configuration, an empty ClusterId or ServiceId given its default, checked.</summary>
    public static ClusterOptions Read(IConfiguration config) => SectionOptions.Read(config, DefaultsFrom(config));

    /// <summary>Fills what is empty: the cluster id after <c>FollowUp:Simulation:Enabled</c>, the service id.</summary>
    public static Action<ClusterOptions> DefaultsFrom(IConfiguration config) => o =>
    {
        if (string.IsNullOrWhiteSpace(o.ClusterId)) o.ClusterId = SectionOptions.Read<SimulationOptions>(config).Enabled ? Name + "-sim" : Name;
        if (string.IsNullOrWhiteSpace(o.ServiceId)) o.ServiceId = Name;
    };

    public IEnumerable<string> Problems()
    {
        foreach (var (key, value) in new[] { ("ClusterId", ClusterId), ("ServiceId", ServiceId) })
            if (value.Length > MaxLength) yield return $"FollowUp:Cluster:{key} is longer than {MaxLength} characters ({value.Length}).";
    }
}
