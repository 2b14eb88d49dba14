using System.Reflection;
using System.Xml.Linq;

namespace FollowUp.Tests.Application.Persons;

/// <summary>Every timeline event and every reason a call becomes due has its label in French and English.</summary>
public class TimelineEventNamesTests
{
    private static IEnumerable<string> Constants(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    private static HashSet<string> ResourceKeys(string file)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FollowUp.sln"))) root = Path.GetDirectoryName(root)!;
        return XDocument.Load(Path.Combine(root, "src", "Web", "Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Each_event_and_due_reason_has_a_label(string file)
    {
        var keys = ResourceKeys(file);
        var wanted = Constants(typeof(TimelineEvents)).Select(e => "Event_" + e).Concat(Constants(typeof(CallDueDetail)).Select(w => "TL_" + w));
        Assert.Equal([], wanted.Where(k => !keys.Contains(k)).ToArray());
    }
}
