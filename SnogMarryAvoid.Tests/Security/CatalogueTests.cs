using System.Reflection;
using System.Text.RegularExpressions;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Security;

public class CatalogueTests
{
    [Fact]
    public void EveryRowOfTheBadInputCatalogue_NamesATestThatExists()
    {
        var docs = File.ReadAllText(Path.Combine(Repo.Root, "docs", "security.md"));
        var section = docs[docs.IndexOf("## Bad input catalogue", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var named = Regex.Matches(section, @"^\| \d+ \|.*`(\w+)\.(\w+)` \|$", RegexOptions.Multiline).Select(m => (Class: m.Groups[1].Value, Method: m.Groups[2].Value)).ToList();
        var tests = typeof(CatalogueTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (Class: t.Name, Method: m.Name)))
            .ToHashSet();

        named.Should().HaveCountGreaterThanOrEqualTo(30);
        named.Should().OnlyContain(t => tests.Contains(t), "each row's test must exist");
    }
}
