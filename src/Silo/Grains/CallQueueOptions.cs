namespace FollowUp.Silo.Grains;

/// <summary><c>FollowUp:Calls</c>: how long a claimed call stays with an operator who went silent.</summary>
public sealed class CallQueueOptions : ISectionOptions
{
    public static string Section => "FollowUp:Calls";

    public double LeaseMinutes { get; set; } = 20;

    public TimeSpan Lease => TimeSpan.FromMinutes(LeaseMinutes);

    public IEnumerable<string> Problems()
    {
        if (LeaseMinutes <= 0) yield return $"FollowUp:Calls:LeaseMinutes must be positive (got {LeaseMinutes}).";
    }
}
