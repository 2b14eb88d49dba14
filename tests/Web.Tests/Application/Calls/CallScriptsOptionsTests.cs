using FollowUp.Web.Application.Calls;

namespace FollowUp.Tests.Application.Calls;

public class CallScriptsOptionsTests
{
    [Fact]
    public void The_scripts_are_the_shipped_ones_unless_a_directory_is_given()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "CallScripts"), SectionOptions.Read<CallScriptsOptions>(TestConfig.Of()).Directory);
        var dir = Directory.CreateTempSubdirectory("scripts-").FullName;
        try
        {
            Assert.Equal(dir, SectionOptions.Read<CallScriptsOptions>(TestConfig.Of(("FollowUp:CallScripts:Path", dir))).Directory);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void A_path_that_is_no_directory_is_refused_naming_the_key() =>
        Assert.Contains("FollowUp:CallScripts:Path", TestConfig.Refusal<CallScriptsOptions>(("FollowUp:CallScripts:Path", "/nonexistent/scripts")),
            StringComparison.Ordinal);
}
