using FollowUp.Web.Application.Security;

namespace FollowUp.Tests.Security;

/// <summary><c>FollowUp:Admin</c> and its environment shortcuts, read as the web reads them.</summary>
public class AdminOptionsTests
{
    [Fact]
    public void The_first_admin_is_admin_unless_the_key_or_its_variable_says_otherwise()
    {
        Assert.Equal("admin", Admin().User);
        var byVariables = Admin(("FOLLOWUP_ADMIN_USER", "chef"), ("FOLLOWUP_ADMIN_PASSWORD", "pw"));
        Assert.Equal(("chef", "pw"), (byVariables.User, byVariables.Password));
        Assert.Equal("cheffe", Admin(("FOLLOWUP_ADMIN_USER", "chef"), ("FollowUp:Admin:UserName", "cheffe")).User);
    }

    [Fact]
    public void A_user_name_the_accounts_refuse_is_refused_naming_the_key() =>
        Assert.Contains("FollowUp:Admin:UserName 'le chef'", TestConfig.Refusal<AdminOptions>(("FollowUp:Admin:UserName", "le chef")),
            StringComparison.Ordinal);

    private static AdminOptions Admin(params (string, string)[] settings)
    {
        var config = TestConfig.Of(settings);
        return SectionOptions.Read(config, AdminOptions.ShortcutsFrom(config));
    }
}
