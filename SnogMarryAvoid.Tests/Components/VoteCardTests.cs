using Bunit;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

public class VoteCardTests : BunitContext
{
    private static readonly Guid ScenarioId = Guid.NewGuid();

    private static ScenarioView Scenario(ScenarioState state, string body = "NHS mental health trust") =>
        new(ScenarioId, 1, body, "mental health blogger", "40k followers", state, null);

    private static VoteReceipt Receipt(Choice choice) => new(ScenarioId, choice, null, DateTime.UtcNow);

    [Fact]
    public void Open_ShowsThreeButtonsNamedSnogMarryAvoid_NonePressed()
    {
        var cut = Render<VoteCard>(p => p.Add(c => c.Scenario, Scenario(ScenarioState.Open)));

        var buttons = cut.FindAll("button.choice");
        buttons.Select(b => b.TextContent.Trim()).Should().Equal("Snog", "Marry", "Avoid");
        buttons.Should().OnlyContain(b => b.GetAttribute("aria-pressed") == "false");
        cut.Find(".status").TextContent.Should().Contain("Voting is open");
    }

    [Fact]
    public void Open_WithACommittedVote_MarksOnlyThatButtonAndSaysReceived()
    {
        var cut = Render<VoteCard>(p => p
            .Add(c => c.Scenario, Scenario(ScenarioState.Open))
            .Add(c => c.Receipt, Receipt(Choice.Marry)));

        cut.FindAll("button.choice").Select(b => b.GetAttribute("aria-pressed")).Should().Equal("false", "true", "false");
        cut.Find(".received").TextContent.Should().Contain("Vote received: Marry");
    }

    [Fact]
    public void Open_WhileSending_SaysSendingAndNotReceived()
    {
        var cut = Render<VoteCard>(p => p
            .Add(c => c.Scenario, Scenario(ScenarioState.Open))
            .Add(c => c.Sending, Choice.Snog));

        cut.Find(".status").TextContent.Should().Contain("Sending");
        cut.FindAll(".received").Should().BeEmpty();
        cut.FindAll("button.choice").Should().OnlyContain(b => b.HasAttribute("disabled"));
    }

    [Fact]
    public void Tap_RaisesOnVoteWithThatChoice()
    {
        Choice? voted = null;
        var cut = Render<VoteCard>(p => p
            .Add(c => c.Scenario, Scenario(ScenarioState.Open))
            .Add(c => c.OnVote, (Choice c) => voted = c));

        cut.FindAll("button.choice")[2].Click();

        voted.Should().Be(Choice.Avoid);
    }

    [Fact]
    public void Closed_HasNoButtonsAndRemindsTheVote()
    {
        var cut = Render<VoteCard>(p => p
            .Add(c => c.Scenario, Scenario(ScenarioState.Closed))
            .Add(c => c.Receipt, Receipt(Choice.Snog)));

        cut.FindAll("button.choice").Should().BeEmpty();
        cut.Find(".status").TextContent.Should().Contain("Voting is closed. You voted Snog.");
    }

    [Fact]
    public void Revealed_ShowsTheSplitAndMarksTheParticipantsChoice()
    {
        var cut = Render<VoteCard>(p => p
            .Add(c => c.Scenario, Scenario(ScenarioState.Revealed))
            .Add(c => c.Receipt, Receipt(Choice.Avoid))
            .Add(c => c.RevealedResults, new ScenarioResults(ScenarioId, 1, 1, 3)));

        cut.Find(".verdict").TextContent.Should().Be("The room says: avoid!");
        cut.Find("[data-count=Avoid]").TextContent.Should().Be("3");
        cut.Find(".result-row.mine").GetAttribute("data-choice").Should().Be("Avoid");
    }

    [Fact]
    public void HostileText_IsRenderedAsTextNeverAsMarkup()
    {
        const string hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        var cut = Render<VoteCard>(p => p.Add(c => c.Scenario, Scenario(ScenarioState.Open, hostile)));

        cut.Find("h1").TextContent.Should().StartWith(hostile);
        cut.FindAll("script, img").Should().BeEmpty();
        cut.Markup.Should().Contain("&lt;script&gt;");
    }
}
