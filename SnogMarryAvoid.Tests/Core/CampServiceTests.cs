using System.Text;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>Camps as a session has them (issue 18): set-up, a participant's one tap, the split as it moves, deck files.</summary>
public sealed class CampServiceTests : CoreTest
{
    private CampService Camps => (CampService)Core.Services.GetService(typeof(CampService))!;

    private static CampSettings On(params Camp[] camps) => new(true, camps.Length == 0 ? CampRules.Defaults : camps, true, false);

    [Fact]
    public async Task ASession_DoesNotAsk_UntilItIsTurnedOn_ThenPhonesGetTheCampsNames()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        session.Room.Camps.Should().BeNull("off unless the session turns it on");
        session.CampSettings.Should().Be(CampSettings.Off);
        var skip = () => Camps.ChooseAsync(person, 0);
        (await skip.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("This session does not ask where you are coming from.");

        var room = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        (await Camps.SetAsync(session.Id, TestCore.Owner, On())).Camps.Should().Equal(CampRules.Defaults.Select(c => c.Name));
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).CampSettings.Ask.Should().BeTrue();
        room.Room.Revision.Should().BeLessThan((await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Room.Revision);
    }

    [Fact]
    public async Task AParticipant_ChoosesSkipsAndChanges_AndRejoiningKeepsTheirCamp()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        await Camps.SetAsync(session.Id, TestCore.Owner, On());
        var key = SnogMarryAvoid.Core.Participants.ParticipantService.NewKey();
        var joined = await Core.Participants.JoinAsync(session.JoinCode, key);
        joined.Camp.Should().BeNull();

        (await Camps.ChooseAsync(joined.ParticipantId, 2)).Should().Be(2);
        (await Core.Participants.JoinAsync(session.JoinCode, key)).Camp.Should().Be(2, "a reload keeps the answer");
        (await Camps.ChooseAsync(joined.ParticipantId, 0)).Should().Be(0);
        (await Camps.ChooseAsync(joined.ParticipantId, null)).Should().BeNull("taking the answer back is a skip");
        (await Camps.OfAsync(joined.ParticipantId)).Should().BeNull();
    }

    [Theory]
    [InlineData(4, "There is no camp 5 in this session: choose one of its 4 camps, or skip.")]
    [InlineData(-1, "There is no camp 0 in this session: choose one of its 4 camps, or skip.")]
    [InlineData(int.MaxValue, "There is no camp 2147483648 in this session: choose one of its 4 camps, or skip.")]
    public async Task AnUnknownCamp_IsRefused_AndChangesNothing(int camp, string message)
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        await Camps.SetAsync(session.Id, TestCore.Owner, On());
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Camps.ChooseAsync(person, 1);

        var act = () => Camps.ChooseAsync(person, camp);

        var refusal = (await act.Should().ThrowAsync<DomainException>()).Which;
        refusal.Error.Should().Be(DomainError.InvalidInput);
        refusal.Message.Should().Be(message);
        (await Camps.OfAsync(person)).Should().Be(1);
    }

    [Fact]
    public async Task AChosenCamp_CanBeRenamed_ButNotRemoved()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        await Camps.SetAsync(session.Id, TestCore.Owner, On());
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Camps.ChooseAsync(people[0], 3);
        await Camps.ChooseAsync(people[1], 3);

        var shrink = () => Camps.SetAsync(session.Id, TestCore.Owner, On(CampRules.Defaults[0], CampRules.Defaults[1]));
        (await shrink.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("2 people have chosen \"Somewhere else\", so it cannot be removed; rename it instead.");

        var renamed = CampRules.Defaults.Take(3).Append(new Camp("Elsewhere entirely", "")).ToArray();
        (await Camps.SetAsync(session.Id, TestCore.Owner, On(renamed))).Camps![3].Should().Be("Elsewhere entirely");
    }

    [Fact]
    public async Task HostileCampNames_AreStoredAsText_AndTooManyCampsAreRefused()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        var hostile = new Camp("<script>alert(1)</script>", "<b>x</b>");

        var room = await Camps.SetAsync(session.Id, TestCore.Owner, On(hostile, CampRules.Defaults[1]));
        room.Camps.Should().Equal("<script>alert(1)</script>", "A charity or campaign");

        var six = () => Camps.SetAsync(session.Id, TestCore.Owner, On([.. Enumerable.Range(1, 6).Select(i => new Camp($"Camp {i}", ""))]));
        (await six.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("A session asks between 2 and 5 camps; 6 given.");
        var other = () => Camps.SetAsync(session.Id, TestCore.OtherFacilitator, On());
        (await other.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
    }

    [Fact]
    public async Task TheSplit_FollowsTheVotes_UnderTheThreePersonRule_AndACampChangeRecountsIt()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        await Camps.SetAsync(session.Id, TestCore.Owner, On());
        var people = await Core.JoinAsync(session.JoinCode, 9);
        for (var i = 0; i < 3; i++)
        {
            await Camps.ChooseAsync(people[i], 0);
            await Camps.ChooseAsync(people[i + 3], 2);
        }

        await Camps.ChooseAsync(people[6], 1);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        using var recorder = new EventRecorder(Core.Events, session.Id);
        for (var i = 0; i < 3; i++)
        {
            await Core.Voting.CastVoteAsync(people[i], scenarios[0].Id, Choice.Marry);
            await Core.Voting.CastVoteAsync(people[i + 3], scenarios[0].Id, i == 0 ? Choice.Snog : Choice.Avoid);
        }

        // One person of the charities and two who gave no camp: three votes counted in the room only.
        foreach (var person in people.Skip(6))
        {
            await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
        }

        var split = (await recorder.WaitForAsync<ResultsChanged>(r => r.Results.Total == 9 && r.Split is not null)).Split!;
        split.Camps.Select(c => c.Shown).Should().Equal(true, false, true, false);
        split.Camps[0].Results!.Marry.Should().Be(3);
        split.Camps[2].Results!.Avoid.Should().Be(2);
        split.Others.Should().Be(3, "the one person of the charities is counted in the room only, with those who gave no camp");
        split.WidestGap!.Text.Should().Be("Public bodies: marry 100 % · Online: avoid 67 %");
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Split.Should().BeEquivalentTo(split);

        // One of the online camp says they are a public body after all: the online camp is now too small.
        await Camps.ChooseAsync(people[3], 0);
        var after = (await recorder.WaitForAsync<ResultsChanged>(r => r.Split is { } s && s.Camps[0].Results?.Total == 4)).Split!;
        after.Camps.Select(c => c.Shown).Should().Equal(true, false, false, false);
        after.Others.Should().Be(5);
        after.WidestGap.Should().BeNull();
    }

    [Fact]
    public async Task TheManagersView_HasTheCurrentScenariosWords_AndNoHiddenOnes()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Avoid);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        await Core.Voting.SetReasonAsync(people[0], scenarios[0].Id, "Trust is earned");
        await Core.Voting.SetReasonAsync(people[1], scenarios[0].Id, "No trust, secret agenda");

        var words = await Core.Sessions.GetWordsAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        words[Choice.Avoid].Should().StartWith(new RoomWord("trust", 2));
        var hidden = (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Reasons.Single(r => r.Text.Contains("secret", StringComparison.Ordinal));
        var moderation = (ModerationService)Core.Services.GetService(typeof(ModerationService))!;
        await moderation.SetHiddenAsync(session.Id, hidden.VoteId, TestCore.Owner, true);

        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        view.Words![Choice.Avoid].Should().Equal(new RoomWord("earned", 1), new RoomWord("trust", 1));
        var other = () => Core.Sessions.GetWordsAsync(session.Id, scenarios[0].Id, TestCore.OtherFacilitator);
        (await other.Should().ThrowAsync<DomainException>()).Which.Error.Should().Be(DomainError.Forbidden);
    }

    [Fact]
    public async Task ADeckFile_CarriesItsCamps_BothWays()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        var camps = new[] { new Camp("Council officers", "Councils"), new Camp("Campaigners", "") };
        var json = DeckFile.ToJson([new DeckEntry("Council", "Blogger", null)], camps);
        json.Should().Contain("\"camps\"");

        await Core.Decks.ImportAsync(session.Id, TestCore.Owner, "deck.json", Encoding.UTF8.GetBytes(json));

        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        view.CampSettings.Ask.Should().BeTrue("a deck with camps turns the question on");
        view.CampSettings.Camps.Should().Equal(new Camp("Council officers", "Councils"), new Camp("Campaigners", "Campaigners"));
        DeckFile.Read("deck.json", Encoding.UTF8.GetBytes(DeckFile.ToJson(DeckService.Entries(view)))).Should().HaveCount(2, "a deck without camps reads as before");
    }

    [Theory]
    [InlineData("{\"scenarios\":[{\"publicBody\":\"A\",\"counterpart\":\"B\"}],\"camps\":\"yes\"}", "\"camps\" must be a list like")]
    [InlineData("{\"scenarios\":[{\"publicBody\":\"A\",\"counterpart\":\"B\"}],\"camps\":[{\"name\":\"Only one\"}]}", "Camps: A session asks between 2 and 5 camps; 1 given.")]
    [InlineData("{\"scenarios\":[{\"publicBody\":\"A\",\"counterpart\":\"B\"}],\"camps\":[{\"name\":\"Same\"},{\"name\":\"same\"}]}", "Camps: \"Same\" is there twice")]
    public async Task ADeckFile_WithBadCamps_IsRefused_AndAddsNothing(string json, string message)
    {
        var (session, _) = await Core.LiveSessionAsync(1);

        var act = () => Core.Decks.ImportAsync(session.Id, TestCore.Owner, "deck.json", Encoding.UTF8.GetBytes(json));

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().StartWith(message);
        var view = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        view.Deck.Should().HaveCount(1);
        view.CampSettings.Ask.Should().BeFalse();
    }

    [Fact]
    public async Task TheProjector_ShowsTheSplitAndTheWords_OnlyAtTheReveal_AndOnlyWhenTheSetUpSaysSo()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        await Camps.SetAsync(session.Id, TestCore.Owner, On() with { WordsOnProjector = true });
        var people = await Core.JoinAsync(session.JoinCode, 3);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        foreach (var person in people)
        {
            await Camps.ChooseAsync(person, 0);
            await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
            await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "Trust");
        }

        var open = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        open.ProjectorShowsSplit(open.Split).Should().BeFalse("not before the reveal");
        open.ProjectorShowsWords(open.Words).Should().BeFalse("not before the reveal");

        await Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var revealed = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        revealed.ProjectorShowsSplit(revealed.Split).Should().BeTrue();
        revealed.ProjectorShowsWords(revealed.Words).Should().BeTrue();
        revealed.ProjectorShowsSplit(revealed.Split! with { ScenarioId = Guid.NewGuid() }).Should().BeFalse("another scenario's split is never drawn");

        await Camps.SetAsync(session.Id, TestCore.Owner, On() with { SplitOnProjector = false });
        var off = await Core.Sessions.GetAsync(session.Id, TestCore.Owner);
        off.ProjectorShowsSplit(off.Split).Should().BeFalse();
        off.ProjectorShowsWords(off.Words).Should().BeFalse();
    }

    [Fact]
    public async Task ADuplicate_KeepsTheCamps_ButNobodysAnswer()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        var camps = new[] { new Camp("Council officers", "Councils"), new Camp("Campaigners", "") };
        await Camps.SetAsync(session.Id, TestCore.Owner, On(camps) with { WordsOnProjector = true });
        await Camps.ChooseAsync((await Core.JoinAsync(session.JoinCode, 1))[0], 1);

        var copy = await Core.Sessions.DuplicateAsync(session.Id, TestCore.Owner);

        copy.CampSettings.Should().BeEquivalentTo(new CampSettings(true, [new Camp("Council officers", "Councils"), new Camp("Campaigners", "Campaigners")], true, true));
        copy.Room.ParticipantCount.Should().Be(0);
    }
}
