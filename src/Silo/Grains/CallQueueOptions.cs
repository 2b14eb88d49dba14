using Microsoft.Extensions.Configuration;

namespace FollowUp.Silo.Grains;

/// <summary>FollowUp:Calls:LeaseMinutes — how long a claimed call stays with an operator who went silent (default 20).</summary>
public sealed record CallQueueOptions(TimeSpan Lease)
{
    public static CallQueueOptions Read(IConfiguration config) =>
        new(TimeSpan.FromMinutes(config.GetValue("FollowUp:Calls:LeaseMinutes", 20.0)));
}
