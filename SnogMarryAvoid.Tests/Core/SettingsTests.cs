using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Limits;
using SnogMarryAvoid.Core.Settings;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Room;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>Every setting is read once, checked at start, and documented with its default and the form it accepts.</summary>
public class SettingsTests
{
    /// <summary>The settings the app registers (Core's and the web host's), checked against <paramref name="values"/> as start-up checks them.</summary>
    private static IReadOnlyList<string> ProblemsWith(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection().AddSnogCore(Path.GetTempPath()).AddSettings<PublicAddressOptions>();
        return Settings.Problems(services, new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    [Fact]
    public void NothingSet_IsFine_AndGivesTheDefaults()
    {
        ProblemsWith([]).Should().BeEmpty();
        Settings.Read<LimitsOptions>(new ConfigurationBuilder().Build()).Should().BeEquivalentTo(new LimitsOptions());
    }

    [Theory]
    [InlineData("Limits:WrongJoinCodesPerMinute", "lots", "Limits:WrongJoinCodesPerMinute is 'lots': expected a whole number from 1 to 100000.")]
    [InlineData("Limits:WrongJoinCodesPerMinute", "0", "Limits:WrongJoinCodesPerMinute is '0': expected a whole number from 1 to 100000.")]
    [InlineData("Limits:HubCallsPerSecond", "-1", "Limits:HubCallsPerSecond is '-1': expected a number from 0.1 to 100000.")]
    [InlineData("Limits:HubMessageBytes", "8 KB", "Limits:HubMessageBytes is '8 KB': expected a whole number from 1024 to 1048576.")]
    [InlineData("Limits:HubPingSeconds", "0", "Limits:HubPingSeconds is '0': expected a whole number from 1 to 60.")]
    [InlineData("Retention:DeleteSessionsOlderThanDays", "thirty", "Retention:DeleteSessionsOlderThanDays is 'thirty': expected a whole number from 0 to 36500.")]
    [InlineData("PublicBaseUrl", "vote.example.org", "PublicBaseUrl is 'vote.example.org': expected an absolute http:// or https:// address, like https://vote.example.org.")]
    [InlineData("PublicBaseUrl", "ftp://vote.example.org", "PublicBaseUrl is 'ftp://vote.example.org': expected an absolute http:// or https:// address, like https://vote.example.org.")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider is 'Oracle': expected one of Sqlite, SqlServer, Postgres.")]
    [InlineData("Database:Provider", "Postgres", "ConnectionStrings:Default is not set: expected a Postgres connection string, since Database:Provider is Postgres.")]
    [InlineData("Bootstrap:OrganiserEmail", "organiser@example.org", "Bootstrap:OrganiserEmail and Bootstrap:OrganiserPassword: set both, or neither.")]
    [InlineData("ConnectionStrings:Redis", ",", "ConnectionStrings:Redis is not usable: expected a StackExchange.Redis configuration, like 127.0.0.1:6379,password=… (it names no server).")]
    public void ABadValue_IsNamedWithItsKey_AndTheFormExpected(string key, string value, string problem)
    {
        ProblemsWith(new() { [key] = value }).Should().Equal(problem);
    }

    [Fact]
    public void EveryBadValue_IsReported_AtOnce()
    {
        var problems = ProblemsWith(new() { ["Limits:VoteBurst"] = "many", ["Retention:DeleteSessionsOlderThanDays"] = "thirty", ["PublicBaseUrl"] = "vote.example.org" });

        problems.Should().HaveCount(3);
        problems.Should().Contain(p => p.StartsWith("Limits:VoteBurst is 'many'", StringComparison.Ordinal));
    }

    [Fact]
    public void ASecret_IsNeverRepeatedInAProblem()
    {
        var problems = ProblemsWith(new()
        {
            ["Bootstrap:OrganiserEmail"] = "organiser@example.org",
            ["Bootstrap:OrganiserPassword"] = "hunter2",
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = "Host=db;Password=topsecret;Bogus Key=1",
        });

        problems.Should().HaveCount(2);
        problems.Should().NotContain(p => p.Contains("hunter2", StringComparison.Ordinal) || p.Contains("topsecret", StringComparison.Ordinal));
        problems.Should().Contain("Bootstrap:OrganiserPassword is 7 characters: expected a password of at least 10 characters.");
    }

    [Theory]
    [InlineData("https://vote.example.org")]
    [InlineData("http://192.168.1.20:5262/")]
    public void GoodValues_AreTaken(string url)
    {
        ProblemsWith(new() { ["PublicBaseUrl"] = url, ["Limits:HubCallsPerSecond"] = "2.5", ["Database:Provider"] = "sqlite" }).Should().BeEmpty();
    }

    /// <summary>The configuration table of README.md has a row for every setting, with the default and the form the code has, and none for a setting that does not exist.</summary>
    [Fact]
    public void TheReadmeConfigurationTable_MatchesTheCode()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var table = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var rows = table.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Trim('`'), cells => (Default: cells[2], Form: cells[3]));
        var settings = AllSettings().ToList();

        settings.Should().HaveCountGreaterThan(15);
        rows.Keys.Should().BeEquivalentTo(settings.Select(s => s.Key), "every setting has a row, and every row is a setting");
        foreach (var setting in settings)
        {
            rows[setting.Key].Default.Should().Be(setting.Default is null ? "unset" : $"`{Format(setting.Default)}`", $"the default of {setting.Key}");
            rows[setting.Key].Form.Should().Be(setting.Form, $"what {setting.Key} accepts");
        }
    }

    private static IEnumerable<SettingInfo> AllSettings() =>
        new[] { typeof(LimitsOptions).Assembly, typeof(PublicAddressOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && typeof(ISettings).IsAssignableFrom(t))
            .SelectMany(Settings.Describe);

    private static string Format(object value) => value switch
    {
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString()!,
    };
}
