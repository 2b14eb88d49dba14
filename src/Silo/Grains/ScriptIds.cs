namespace FollowUp.Silo.Grains;

/// <summary>The call script shown for each milestone type.</summary>
public static class ScriptIds
{
    public static string For(MilestoneType type) => type switch
    {
        MilestoneType.J2 => "j2-first-contact",
        MilestoneType.J4 => "j4-extra-contact",
        MilestoneType.J7 => "j7-second-contact",
        MilestoneType.J7TestFollowUp => "j7-test-follow-up",
        _ => "j9-second-contact",
    };
}
