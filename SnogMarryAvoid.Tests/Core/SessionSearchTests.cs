using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class SessionSearchTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private TestCore _core = default!;

    public async ValueTask InitializeAsync()
    {
        _core = await TestCore.CreateSqliteAsync(_clock);
        await _core.Db.WriteAsync(async ctx =>
        {
            ctx.Users.Add(new IdentityUser { Id = TestCore.Owner.UserId, UserName = "ann@example.org", Email = "ann@example.org" });
            ctx.Users.Add(new IdentityUser { Id = TestCore.OtherFacilitator.UserId, UserName = "bob@example.org", Email = "bob@example.org" });
            return await ctx.SaveChangesAsync();
        });

        // Leeds on 1 and 2 March (Ann), Bristol on 3 March (Bob), Leeds again on 5 March (Bob).
        await _core.Sessions.CreateAsync("Leeds, spring", TestCore.Owner);
        _clock.Advance(TimeSpan.FromDays(1));
        await _core.Sessions.CreateAsync("LEEDS council day", TestCore.Owner);
        _clock.Advance(TimeSpan.FromDays(1));
        await _core.Sessions.CreateAsync("Bristol", TestCore.OtherFacilitator);
        _clock.Advance(TimeSpan.FromDays(2));
        await _core.Sessions.CreateAsync("Leeds again", TestCore.OtherFacilitator);
    }

    public ValueTask DisposeAsync() => _core.DisposeAsync();

    private async Task<IEnumerable<string>> TitlesAsync(SessionFilter filter, Actor? actor = null) =>
        (await _core.Sessions.SearchAsync(actor ?? TestCore.Organiser, filter)).Items.Select(s => s.Title);

    [Fact]
    public async Task Title_MatchesAnywhere_IgnoringCase_NewestFirst() =>
        (await TitlesAsync(new SessionFilter(Title: "  leeds "))).Should().Equal("Leeds again", "LEEDS council day", "Leeds, spring");

    [Fact]
    public async Task DateRange_IncludesBothWholeDays() =>
        (await TitlesAsync(new SessionFilter(From: new DateOnly(2026, 3, 2), To: new DateOnly(2026, 3, 3)))).Should().Equal("Bristol", "LEEDS council day");

    [Fact]
    public async Task Facilitator_NarrowsToTheirSessions_AndTheListShowsWhoRanEach()
    {
        var page = await _core.Sessions.SearchAsync(TestCore.Organiser, new SessionFilter(FacilitatorId: TestCore.OtherFacilitator.UserId));

        page.Items.Select(s => (s.Title, s.Facilitator)).Should().Equal(("Leeds again", "bob@example.org"), ("Bristol", "bob@example.org"));
    }

    [Fact]
    public async Task Filters_Combine() =>
        (await TitlesAsync(new SessionFilter(Title: "leeds", FacilitatorId: TestCore.OtherFacilitator.UserId))).Should().Equal("Leeds again");

    [Fact]
    public async Task AFacilitator_SeesOnlyTheirOwn_EvenWhenFilteringByAnother()
    {
        (await TitlesAsync(new SessionFilter(), TestCore.Owner)).Should().Equal("LEEDS council day", "Leeds, spring");
        (await TitlesAsync(new SessionFilter(FacilitatorId: TestCore.OtherFacilitator.UserId), TestCore.Owner)).Should().BeEmpty();
    }

    [Fact]
    public async Task Paging_SplitsTheList_AndAPagePastTheEndGivesTheLast()
    {
        var second = await _core.Sessions.SearchAsync(TestCore.Organiser, new SessionFilter(Page: 2, PageSize: 3));
        second.Items.Select(s => s.Title).Should().Equal("Leeds, spring");
        (second.Total, second.Page, second.PageCount).Should().Be((4, 2, 2));

        var beyond = await _core.Sessions.SearchAsync(TestCore.Organiser, new SessionFilter(Page: 99, PageSize: 3));
        beyond.Page.Should().Be(2);
        beyond.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task AbsurdPageSizes_AreKeptInBounds()
    {
        (await _core.Sessions.SearchAsync(TestCore.Organiser, new SessionFilter(PageSize: 0))).PageSize.Should().Be(1);
        (await _core.Sessions.SearchAsync(TestCore.Organiser, new SessionFilter(PageSize: 1_000_000))).PageSize.Should().Be(SessionFilter.MaxPageSize);
    }

    [Fact]
    public async Task NothingMatching_GivesAnEmptyFirstPage()
    {
        var page = await _core.Sessions.SearchAsync(TestCore.Organiser, new SessionFilter(Title: "<script>"));

        (page.Items.Count, page.Total, page.Page, page.PageCount).Should().Be((0, 0, 1, 1));
    }

    [Fact]
    public async Task FacilitatorOptions_AreTheOwnersTheActorMaySee()
    {
        (await _core.Sessions.ListFacilitatorsAsync(TestCore.Organiser)).Select(f => f.Email).Should().Equal("ann@example.org", "bob@example.org");
        (await _core.Sessions.ListFacilitatorsAsync(TestCore.Owner)).Select(f => f.Email).Should().Equal("ann@example.org");
    }
}
