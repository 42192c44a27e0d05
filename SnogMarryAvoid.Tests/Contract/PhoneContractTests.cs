using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Contract;

/// <summary>The phone page's script keeps no copy of Core's rules: it takes them from the page, and speaks only the hub's contract.</summary>
public sealed partial class PhoneContractTests : IAsyncLifetime
{
    private static readonly string Script = File.ReadAllText(Path.Combine(Repo.Root, "SnogMarryAvoid.Web", "wwwroot", "js", "phone.js"));
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public void PhoneJs_CallsOnlyTheHubsMethods_AndHandlesOnlyItsEvents()
    {
        var invoked = Invoked().Matches(Script).Select(m => m.Groups[1].Value).Distinct().ToList();
        var handled = Handled().Matches(Script).Select(m => m.Groups[1].Value).Distinct().ToList();

        invoked.Should().BeEquivalentTo(["Join", "GetMyRecap", "Vote", "SetReason", "SetCamp"], "its own votes come in the join's reply");
        invoked.Should().OnlyContain(name => typeof(ISessionHub).GetMethod(name) != null, "a method the hub has (ISessionHub)");
        handled.Should().OnlyContain(name => typeof(ISessionClient).GetMethod(name) != null, "an event the hub sends (ISessionClient)");
        handled.Should().NotContain(nameof(ISessionClient.ResultsChanged), "the room is sent no tallies, and the page draws none");
    }

    [Fact]
    public void PhoneJs_CopiesNoNumberNameTextOrLimitOfCore()
    {
        Script.Should().Contain("JSON.parse(root.dataset.rules)");
        Script.Should().NotContain(Vote.MaxReasonLength.ToString(System.Globalization.CultureInfo.InvariantCulture), "the reason's limit comes from the page");
        Script.Should().NotContain("The room says", "the verdict's words come in the room's view");
        Script.Should().NotContain("characters; the limit is", "the refusal's words come from Core");
        foreach (var name in Enum.GetNames<Choice>())
        {
            Script.Should().NotContain($"\"{name}\"", "the choices' names come from the page");
        }

        NumberedConstant().IsMatch(Script).Should().BeFalse("no phase, state or choice number is written in the script");
    }

    [Fact]
    public async Task ThePhonePage_CarriesCoresRules_ForTheScript()
    {
        var (session, _) = await _app.Core.LiveSessionAsync(1, owner: Actor.System);

        var html = await _app.CreateClient().GetStringAsync($"/join/{session.JoinCode}");

        var attribute = RulesAttribute().Match(html).Groups[1].Value;
        var rules = JsonDocument.Parse(WebUtility.HtmlDecode(attribute)).RootElement;
        rules.GetProperty("states").GetProperty("Open").GetInt32().Should().Be((int)ScenarioState.Open);
        rules.GetProperty("states").GetProperty("Revealed").GetInt32().Should().Be((int)ScenarioState.Revealed);
        rules.GetProperty("phases").GetProperty("Ended").GetInt32().Should().Be((int)SessionPhase.Ended);
        rules.GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("value").GetInt32(), c.GetProperty("name").GetString()))
            .Should().Equal((1, "Snog"), (2, "Marry"), (3, "Avoid"));
        rules.GetProperty("maxReasonLength").GetInt32().Should().Be(Vote.MaxReasonLength);
        rules.GetProperty("reasonTooLong").GetString()!.Replace("{length}", "281", StringComparison.Ordinal)
            .Should().Be("Your reason is 281 characters; the limit is 280.", "Core's own words, as the hub refuses it");
    }

    [GeneratedRegex(@"connection\.invoke\(""(\w+)""")]
    private static partial Regex Invoked();

    [GeneratedRegex(@"connection\.on\(""(\w+)""")]
    private static partial Regex Handled();

    [GeneratedRegex(@"\b(OPEN|REVEALED|ENDED|CLOSED|PENDING|SNOG|MARRY|AVOID)\s*=\s*\d")]
    private static partial Regex NumberedConstant();

    [GeneratedRegex(@"data-rules=""([^""]*)""")]
    private static partial Regex RulesAttribute();
}
