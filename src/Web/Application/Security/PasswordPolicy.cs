namespace FollowUp.Web.Application.Security;

/// <summary>
/// Staff passwords: at least 12 characters, not one of the 10,000 most common passwords (Resources/common-passwords.txt,
/// the top of OWASP SecLists' 10-million list), not containing the user name (case ignored).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("FollowUp.Web.Resources.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line) if (line.Length > 0) set.Add(line);
        return set;
    });

    public static int CommonCount => Common.Value.Count;

    /// <summary>The reason the password is refused (in the request's language), or null when it is accepted.</summary>
    public static string? Check(string? userName, string? password)
    {
        if (password is null || password.Length < MinLength) return SecurityTexts.Get("Err_PasswordLength", MinLength);
        if (password.Length > 256) return SecurityTexts.Get("Err_PasswordTooLong");
        if (Common.Value.Contains(password)) return SecurityTexts.Get("Err_PasswordCommon");
        if (!string.IsNullOrWhiteSpace(userName) && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase))
            return SecurityTexts.Get("Err_PasswordHasUserName");
        return null;
    }
}
