namespace FollowUp;

/// <summary>
/// One <c>FollowUp:*</c> configuration section as a typed class: its defaults are the property initialisers (each
/// defined once, and listed again in the hosts' appsettings.json, which a test keeps in step), its rules are
/// <see cref="Problems"/>, each naming the key it is about.
/// </summary>
public interface ISectionOptions
{
    /// <summary>The configuration section, e.g. "FollowUp:Privacy".</summary>
    static abstract string Section { get; }

    /// <summary>What is wrong with the bound values, one sentence per key ("FollowUp:Privacy:RetentionDays must be …").</summary>
    IEnumerable<string> Problems();
}
