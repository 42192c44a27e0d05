using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>Known answers for the camps (issue 18): the rules, the split under the three-person rule, the widest gap.</summary>
public sealed class CampTests
{
    private static readonly Guid Scenario = Guid.NewGuid();
    private static readonly Camp Public = CampRules.Defaults[0];
    private static readonly Camp Charity = CampRules.Defaults[1];
    private static readonly Camp Online = CampRules.Defaults[2];
    private static readonly Camp Elsewhere = CampRules.Defaults[3];

    private static ScenarioResults R(int snog, int marry, int avoid) => new(Scenario, snog, marry, avoid);

    private static ScenarioResults Room(int uncamped, params ScenarioResults[] camps) =>
        R(camps.Sum(c => c.Snog) + uncamped, camps.Sum(c => c.Marry), camps.Sum(c => c.Avoid));

    [Fact]
    public void TheDefaults_AreTheWorkshopsTwoCampsAndThePeopleBetween() =>
        CampRules.Defaults.Select(c => c.Name).Should().Equal("A public body", "A charity or campaign", "Online: blogger, activist, creator", "Somewhere else");

    [Theory]
    [InlineData(1, "A session asks between 2 and 5 camps; 1 given.")]
    [InlineData(6, "A session asks between 2 and 5 camps; 6 given.")]
    public void TooFewOrTooManyCamps_AreRefused(int count, string message)
    {
        var camps = Enumerable.Range(1, count).Select(i => new Camp($"Camp {i}", "")).ToList();

        FluentActions.Invoking(() => CampRules.Check(camps)).Should().Throw<DomainException>().WithMessage(message);
    }

    [Theory]
    [InlineData("   ", "", "Camp 2 is required.")]
    [InlineData("A very long name for a camp, over forty ch", "Short", "Camp 2 is 42 characters; the limit is 40.")]
    [InlineData("A name of thirty-one characters", "", "Camp 2 needs a short name of at most 24 characters for the projector.")]
    [InlineData("a PUBLIC body", "", "\"A public body\" is there twice: each camp needs its own name.")]
    public void ABadCamp_IsRefused_NamingIt(string name, string shortName, string message) =>
        FluentActions.Invoking(() => CampRules.Check([Public, new Camp(name, shortName)])).Should().Throw<DomainException>().WithMessage(message);

    [Fact]
    public void HostileCampNames_AreKeptAsText_WithoutControlCharacters()
    {
        var checkedCamps = CampRules.Check([new Camp("<b>Council</b>\u0007", ""), new Camp("Bloggers", "")]);

        checkedCamps[0].Should().Be(new Camp("<b>Council</b>", "<b>Council</b>"), "text stays text; the page renders it as text");
    }

    [Fact]
    public void TheSplit_NamesTheWidestGap_AsTheProjectorSaysIt()
    {
        var (publicBodies, online, charities) = (R(5, 16, 4), R(3, 2, 7), R(1, 1, 0));
        var split = CampSplit.Of(Scenario, CampRules.Defaults,
            new Dictionary<Camp, ScenarioResults> { [Public] = publicBodies, [Online] = online, [Charity] = charities },
            Room(1, publicBodies, online, charities));

        split.Camps.Select(c => (c.Camp.Short, c.Shown)).Should().Equal(("Public bodies", true), ("Charities and campaigns", false), ("Online", true), ("Elsewhere", false));
        split.WidestGap!.Text.Should().Be("Public bodies: marry 64 % · Online: avoid 58 %");
        split.WidestGap.Distance.Should().BeApproximately(0.4733, 0.0001);
    }

    [Fact]
    public void ACampOfTwo_IsShownOnlyAsPartOfTheRoom()
    {
        var (publicBodies, online) = (R(3, 0, 0), R(0, 0, 2));
        var split = CampSplit.Of(Scenario, [Public, Online], new Dictionary<Camp, ScenarioResults> { [Public] = publicBodies, [Online] = online },
            Room(3, publicBodies, online));

        split.Camps.Single(c => c.Camp == Online).Results.Should().BeNull("two people's votes could be singled out");
        split.Camps.Single(c => c.Camp == Public).Results.Should().Be(publicBodies);
        split.WidestGap.Should().BeNull("one camp shown has no gap to name");
    }

    [Fact]
    public void WhenTheRestOfTheRoomWouldBeOneOrTwoPeople_TheSmallestShownCampIsFoldedInToo()
    {
        // Five public bodies, three online, two elsewhere: showing the first two would give away the
        // two others' votes (the room minus the camps shown).
        var (publicBodies, online, elsewhere) = (R(0, 5, 0), R(0, 0, 3), R(2, 0, 0));
        var split = CampSplit.Of(Scenario, CampRules.Defaults,
            new Dictionary<Camp, ScenarioResults> { [Public] = publicBodies, [Online] = online, [Elsewhere] = elsewhere },
            Room(0, publicBodies, online, elsewhere));

        split.Camps.Where(c => c.Shown).Select(c => c.Camp).Should().Equal(Public);
        (10 - split.Camps.Where(c => c.Shown).Sum(c => c.Results!.Total)).Should().BeGreaterThanOrEqualTo(CampRules.SmallestShown);
    }

    [Fact]
    public void CampsThatAgree_HaveNoGapToName()
    {
        var (publicBodies, online) = (R(3, 3, 3), R(2, 2, 2));
        var split = CampSplit.Of(Scenario, [Public, Online], new Dictionary<Camp, ScenarioResults> { [Public] = publicBodies, [Online] = online },
            Room(0, publicBodies, online));

        split.Camps.Should().OnlyContain(c => c.Shown);
        split.WidestGap.Should().BeNull();
    }
}

/// <summary>Known answers for what the room said (the word count) and the triangle chart.</summary>
public sealed class RoomWordsTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();
    private static readonly Guid Cat = Guid.NewGuid();

    [Fact]
    public void AWordCountsOncePerPerson_CommonWordsAndHiddenReasonsAreLeftOut()
    {
        var words = RoomWords.Of(
        [
            new(Ann, "Trust, trust, TRUST: the blogger's readers trust her.", false),
            new(Bob, "The trust's own staff don't reach 40k readers", false),
            new(Cat, "Trust nobody: spam spam spam", true),
            new(Cat, "Readers first", false),
        ]);

        words.Should().Equal(
            new RoomWord("readers", 3),
            new RoomWord("trust", 2),
            new RoomWord("40k", 1),
            new RoomWord("blogger", 1),
            new RoomWord("first", 1),
            new RoomWord("reach", 1),
            new RoomWord("staff", 1));
    }

    [Fact]
    public void AtMostFortyWords_TheMostUsedFirst()
    {
        var many = Enumerable.Range(0, 60).Select(i => new ReasonText(Guid.NewGuid(), $"word{i:00} common", false)).ToList();

        var words = RoomWords.Of(many);

        words.Should().HaveCount(RoomWords.MostWords);
        words[0].Should().Be(new RoomWord("common", 60));
    }

    [Theory]
    [InlineData(0, 5, 0, 0.5, 0)]
    [InlineData(5, 0, 0, 0, 0.866)]
    [InlineData(0, 0, 5, 1, 0.866)]
    [InlineData(3, 3, 3, 0.5, 0.5774)]
    [InlineData(2, 0, 2, 0.5, 0.866)]
    public void ATallysPlaceInTheTriangle_IsItsSharesOfTheCorners(int snog, int marry, int avoid, double x, double y)
    {
        var point = Ternary.Of(new ScenarioResults(Guid.NewGuid(), snog, marry, avoid))!;

        point.X.Should().BeApproximately(x, 0.0001);
        point.Y.Should().BeApproximately(y, 0.0001);
    }

    [Fact]
    public void AScenarioNobodyVotedOn_HasNoPlaceInTheTriangle() =>
        Ternary.Of(ScenarioResults.Empty(Guid.NewGuid())).Should().BeNull();
}
