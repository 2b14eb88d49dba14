namespace FollowUp.Web.Application.Security;

/// <summary>The staff roles (authorization policies and pages are granted to them).</summary>
public static class Roles
{
    public const string Operator = "Operator";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";
    /// <summary>Data protection officer: read-only access to the access journal and the privacy pages.</summary>
    public const string Dpo = "Dpo";
    public static readonly string[] All = [Operator, Supervisor, Admin, Dpo];
}
