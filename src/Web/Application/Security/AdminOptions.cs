namespace FollowUp.Web.Application.Security;

/// <summary>
/// <c>FollowUp:Admin</c> (or <c>FOLLOWUP_ADMIN_USER</c> / <c>FOLLOWUP_ADMIN_PASSWORD</c>; the key wins): the first
/// Admin, created at start only when no Admin exists. The password is checked against the password rules then.
/// </summary>
public sealed class AdminOptions : ISectionOptions
{
    /// <summary>Names (not values) of the environment variables that set the first Admin when its keys are empty.</summary>
    public const string UserShortcut = "FOLLOWUP_ADMIN_USER", SignInShortcut = "FOLLOWUP_ADMIN_PASSWORD";
    private const string DefaultUser = "admin";

    public static string Section => "FollowUp:Admin";

    /// <summary>Empty: <c>FOLLOWUP_ADMIN_USER</c>, else <c>admin</c> (see <see cref="User"/>).</summary>
    public string UserName { get; set; } = "";

    /// <summary>Empty: <c>FOLLOWUP_ADMIN_PASSWORD</c>; needed only while no Admin exists.</summary>
    public string Password { get; set; } = "";

    /// <summary>The first Admin's user name.</summary>
    public string User => string.IsNullOrWhiteSpace(UserName) ? DefaultUser : UserName;

    /// <summary>Takes each empty key from its environment shortcut.</summary>
    public static Action<AdminOptions> ShortcutsFrom(IConfiguration config) => o =>
    {
        if (string.IsNullOrWhiteSpace(o.UserName)) o.UserName = config[UserShortcut] ?? "";
        if (string.IsNullOrWhiteSpace(o.Password)) o.Password = config[SignInShortcut] ?? "";
    };

    public IEnumerable<string> Problems()
    {
        if (!StaffUsers.IsUserName(User))
            yield return $"FollowUp:Admin:UserName '{User}' is not a user name (up to 64 letters, digits, '.', '-' or '_').";
    }
}
