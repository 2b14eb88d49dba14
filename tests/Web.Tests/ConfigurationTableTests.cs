using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FollowUp.Tests;

/// <summary>
/// The configuration is documented once and listed once: every key the code reads is in a host's appsettings.json
/// (with its default), and the README's configuration table names exactly those keys with the same defaults.
/// </summary>
public partial class ConfigurationTableTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FollowUp.sln"))) root = Path.GetDirectoryName(root)!;
        return root;
    }

    /// <summary>Every key of both hosts' appsettings.json under FollowUp:, with its value as configuration sees it.</summary>
    private static Dictionary<string, string> AppSettings()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : $"{path}:{p.Name}");
            else keys[path] = e.ValueKind switch
            {
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False =>
                "false",
                _ => e.GetRawText()
            };
        }
        foreach (var host in new[] { "src/Silo/appsettings.json", "src/Web/appsettings.json" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, host)));
            Walk(doc.RootElement, "");
        }
        return keys.Where(k => k.Key.StartsWith("FollowUp:", StringComparison.Ordinal)).ToDictionary();
    }

    /// <summary>The README's configuration rows: key → default cell (one per key of a "`A:B:C` / `D`" row).</summary>
    private static Dictionary<string, string> ReadmeTable()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var start = Array.IndexOf(lines, "## Configuration");
        Assert.True(start >= 0, "README has no '## Configuration' section");
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal)) continue;
            var cells = line.Split('|');
            var (keyCell, defaults) = (cells[1], cells[2].Split(" / ").Select(d => d.Trim()).ToArray());
            var keys = new List<string>();
            string? last = null;
            var previousEnd = 0;
            foreach (Match m in Token().Matches(keyCell))
            {
                var token = m.Groups[1].Value;
                var between = keyCell[previousEnd..m.Index];
                previousEnd = m.Index + m.Length;
                if (token.StartsWith("FollowUp:", StringComparison.Ordinal)) keys.Add(last = token);
                else if (last is not null && between == " / " && !token.Contains(':')) keys.Add(last = last[..(last.LastIndexOf(':') + 1)] + token);
                else last = null;
            }
            for (var i = 0; i < keys.Count; i++) table[keys[i]] = keys.Count == defaults.Length ? defaults[i] : "";
        }
        return table;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Token();

    [Fact]
    public void The_readme_table_names_exactly_the_keys_of_the_appsettings_files()
    {
        var settings = AppSettings().Keys.ToHashSet();
        var readme = ReadmeTable().Keys.ToHashSet();
        Assert.True(settings.Except(readme).ToList() is { Count: 0 }, "Not in the README's table: " + string.Join(", ", settings.Except(readme)));
        Assert.True(readme.Except(settings).ToList() is { Count: 0 },
            "In the README but in no appsettings.json: " + string.Join(", ", readme.Except(settings)));
    }

    [Fact]
    public void Defaults_in_the_readme_match_the_appsettings_files()
    {
        var settings = AppSettings();
        foreach (var (key, documented) in ReadmeTable())
        {
            // Compared where both sides state a plain value: "40", "false", "`09:00`" (prose such as "50 MB" or "(none)" is not).
            var plain = documented.Trim('`');
            if (settings[key].Length == 0 || plain.Length == 0 || plain.Contains(' ') || plain.Contains('(')) continue;
            Assert.True(plain == settings[key], $"{key}: README says {documented}, appsettings.json says {settings[key]}");
        }
    }

    [Fact]
    public void Every_key_the_code_reads_is_listed()
    {
        var settings = AppSettings().Keys.ToList();
        var read = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Literal().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct();
        // A literal is a key, or a section whose keys are listed.
        var missing = read.Where(k => !settings.Contains(k) && !settings.Any(s => s.StartsWith(k + ":", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, "Read by the code but in no appsettings.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_typed_option_is_listed_with_the_default_the_code_has()
    {
        var settings = AppSettings();
        var types = new[] { typeof(PrivacyOptions).Assembly, typeof(FollowUp.Silo.SiloOptions).Assembly, typeof(FollowUp.Web.SharedResource)
            .Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(ISectionOptions).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .ToList();
        Assert.True(types.Count >= 6, "typed options found: " + string.Join(", ", types.Select(t => t.Name)));
        var problems = new List<string>();
        foreach (var type in types)
        {
            var section = (string)type.GetProperty(nameof(ISectionOptions.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var defaults = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                // A key of the section, or of its parent section (e.g. FollowUp:Sms:Sender for the OVH options).
                var key = $"{section}:{property.Name}";
                var parentKey = section.Contains(':', StringComparison.Ordinal) ? $"{section[..section.LastIndexOf(':')]}:{property.Name}" : key;
                if (!settings.TryGetValue(key, out var listed) && !settings.TryGetValue(parentKey, out listed))
                {
                    problems.Add($"{key} ({type.Name}) is in no appsettings.json");
                    continue;
                }
                var value = property.GetValue(defaults);
                var text = value switch
                {
                    null => "",
                    bool b => b ? "true" : "false",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString()!,
                };
                if (text != listed) problems.Add($"{key}: the code's default is '{text}', appsettings.json says '{listed}'");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex("\"(FollowUp(?::[A-Za-z]+)+)\"")]
    private static partial Regex Literal();
}
