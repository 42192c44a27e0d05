using Bunit;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

public class PhoneSessionTests : ComponentTest
{
    private IRenderedComponent<PhoneSession> RenderPhone(string code, string? key = null)
    {
        var cut = Render<PhoneSession>(p => p.Add(c => c.Code, code).Add(c => c.ParticipantKey, key ?? ParticipantService.NewKey()));
        cut.WaitForAssertion(() => cut.Find(".vote-page").GetAttribute("data-state").Should().NotBe("Joining"));
        return cut;
    }

    private static string State(IRenderedComponent<PhoneSession> cut) => cut.Find(".vote-page").GetAttribute("data-state")!;

    [Fact]
    public async Task Phone_WaitsThenVotesThenFollowsCloseAndReveal()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var cut = RenderPhone(session.JoinCode);
        State(cut).Should().Be("Waiting");

        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        cut.WaitForAssertion(() => cut.FindAll("button.choice").Should().HaveCount(3));

        await cut.InvokeAsync(() => cut.FindAll("button.choice")[1].Click());
        cut.WaitForAssertion(() => cut.Find(".received").TextContent.Should().Contain("Marry"));
        cut.FindAll("button.choice")[1].GetAttribute("aria-pressed").Should().Be("true");
        (await Core.Voting.GetResultsAsync(scenarios[0].Id)).Marry.Should().Be(1);

        await Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        cut.WaitForAssertion(() => cut.Find(".status").TextContent.Should().Contain("Voting is closed. You voted Marry."));

        await Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        cut.WaitForAssertion(() => cut.Find(".verdict").TextContent.Should().Be("The room says: marry!"));

        await Core.Sessions.EndAsync(session.Id, TestCore.Owner);
        cut.WaitForAssertion(() => State(cut).Should().Be("Ended"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=summary]").TextContent.Should().Be("You voted on 1 of 2 scenarios."));
    }

    [Fact]
    public async Task Phone_ChangesItsVoteAndAddsAReason()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = RenderPhone(session.JoinCode);

        await cut.InvokeAsync(() => cut.FindAll("button.choice")[0].Click());
        cut.WaitForAssertion(() => cut.Find(".received").TextContent.Should().Contain("Snog"));
        await cut.InvokeAsync(() => cut.FindAll("button.choice")[2].Click());
        cut.WaitForAssertion(() => cut.Find(".received").TextContent.Should().Contain("Avoid"));
        cut.Find("textarea").Input("Too risky for a trust.");
        await cut.InvokeAsync(() => cut.Find(".reason button").Click());
        cut.WaitForAssertion(() => cut.Find(".saved").TextContent.Should().Be("Reason saved."));

        var results = await Core.Voting.GetResultsAsync(scenarios[0].Id);
        results.Should().Be(new ScenarioResults(scenarios[0].Id, 0, 0, 1));
        cut.Find(".reason button").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public async Task Phone_WithAReasonOverTheLimit_ShowsTheErrorAndKeepsTheText()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = RenderPhone(session.JoinCode);
        await cut.InvokeAsync(() => cut.FindAll("button.choice")[0].Click());
        cut.WaitForAssertion(() => cut.FindAll(".received").Should().HaveCount(1));

        var tooLong = new string('x', 281);
        cut.Find("textarea").Input(tooLong);
        await cut.InvokeAsync(() => cut.Find(".reason button").Click());

        cut.WaitForAssertion(() => cut.Find("[role=alert]").TextContent.Should().Be("Your reason is 281 characters; the limit is 280."));
        cut.Find("textarea").GetAttribute("value").Should().Be(tooLong);
    }

    [Fact]
    public async Task Phone_WithAnUnknownCode_SaysSoAndOffersToRetype()
    {
        await Core.LiveSessionAsync();

        var cut = RenderPhone("KX7PM");

        State(cut).Should().Be("Failed");
        cut.Find("[role=alert]").TextContent.Should().Contain("No session has the code KX7PM");
        cut.Find("a.button").GetAttribute("href").Should().Be("/?code=KX7PM");
    }

    [Fact]
    public async Task Phone_SameKeyAgain_SeesItsOwnVote()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var key = ParticipantService.NewKey();
        var first = RenderPhone(session.JoinCode, key);
        await first.InvokeAsync(() => first.FindAll("button.choice")[0].Click());
        first.WaitForAssertion(() => first.FindAll(".received").Should().HaveCount(1));

        var again = RenderPhone(session.JoinCode, key);

        again.WaitForAssertion(() => again.FindAll("button.choice")[0].GetAttribute("aria-pressed").Should().Be("true"));
    }

    [Fact]
    public async Task Phone_ShowsThePauseAndTheCountdown()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner, TimeSpan.FromSeconds(60));
        var cut = RenderPhone(session.JoinCode);

        cut.Find("[data-closes-in-ms]").TextContent.Should().BeOneOf("60", "59");

        await Core.Sessions.SetBlankedAsync(session.Id, TestCore.Owner, true);
        cut.WaitForAssertion(() => cut.Find(".paused").TextContent.Should().Be("The screen is paused. Look up!"));
        cut.FindAll("button.choice").Should().HaveCount(3, "voting stays possible while the projector is blank");
    }
}
