using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages.Facilitate;

namespace SnogMarryAvoid.Tests.Components;

public class SessionListTests : ComponentTest
{
    private async Task AccountsAsync() => await Core.Db.WriteAsync(async ctx =>
    {
        ctx.Users.Add(new IdentityUser { Id = TestCore.Owner.UserId, UserName = "ann@example.org", Email = "ann@example.org" });
        ctx.Users.Add(new IdentityUser { Id = TestCore.OtherFacilitator.UserId, UserName = "bob@example.org", Email = "bob@example.org" });
        return await ctx.SaveChangesAsync();
    });

    private IRenderedComponent<SessionList> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<SessionList>();
    }

    [Fact]
    public async Task TitleSearch_InTheAddress_ShowsOnlyMatches_WithTheirFacilitator()
    {
        await AccountsAsync();
        await Core.Sessions.CreateAsync("Leeds, spring", TestCore.Owner);
        await Core.Sessions.CreateAsync("Bristol", TestCore.Owner);
        SignIn(TestCore.Organiser);

        var cut = RenderAt("/facilitate?q=leeds");

        cut.FindAll("tbody tr").Should().ContainSingle().Which.TextContent.Should().Contain("Leeds, spring").And.Contain("ann@example.org");
        cut.Find("[data-testid=session-count]").TextContent.Should().Be("1 session match");
        cut.Find("#filter-q").GetAttribute("value").Should().Be("leeds");
        cut.Markup.Should().Contain("Clear filters");
    }

    [Fact]
    public async Task AnOrganiser_CanFilterByFacilitator()
    {
        await AccountsAsync();
        await Core.Sessions.CreateAsync("Ann's room", TestCore.Owner);
        await Core.Sessions.CreateAsync("Bob's room", TestCore.OtherFacilitator);
        SignIn(TestCore.Organiser);

        var cut = RenderAt($"/facilitate?by={TestCore.OtherFacilitator.UserId}");

        cut.FindAll("#filter-by option").Select(o => o.TextContent).Should().Equal("Anyone", "ann@example.org", "bob@example.org");
        cut.FindAll("tbody tr").Should().ContainSingle().Which.TextContent.Should().Contain("Bob's room");
    }

    [Fact]
    public async Task AFacilitator_HasNoFacilitatorFilter_AndSeesOnlyTheirOwn()
    {
        await AccountsAsync();
        await Core.Sessions.CreateAsync("Ann's room", TestCore.Owner);
        await Core.Sessions.CreateAsync("Bob's room", TestCore.OtherFacilitator);

        var cut = RenderAt("/facilitate");

        cut.FindAll("#filter-by").Should().BeEmpty();
        cut.FindAll("tbody tr").Should().ContainSingle().Which.TextContent.Should().Contain("Ann's room");
    }

    [Fact]
    public async Task Paging_ShowsTwentyAPage_WithLinksThatKeepTheFilters()
    {
        for (var i = 1; i <= 23; i++)
        {
            await Core.Sessions.CreateAsync($"Room {i}", TestCore.Owner);
        }

        var first = RenderAt("/facilitate?q=room");
        first.FindAll("tbody tr").Should().HaveCount(20);
        first.Find("[data-testid=session-count]").TextContent.Should().Be("23 sessions match · page 1 of 2");
        first.Find("a[rel=next]").GetAttribute("href").Should().EndWith("/facilitate?q=room&page=2");

        var second = RenderAt("/facilitate?q=room&page=2");
        second.FindAll("tbody tr").Should().HaveCount(3);
        second.Find("[aria-current=page]").TextContent.Should().Be("2");
        second.Find("a[rel=prev]").GetAttribute("href").Should().EndWith("/facilitate?q=room");
    }

    [Fact]
    public async Task TheSearchForm_IsAPlainGetOfTheFilters_StartingAtPageOne()
    {
        await Core.Sessions.CreateAsync("Leeds", TestCore.Owner);
        var cut = RenderAt("/facilitate?q=Leeds&from=2026-01-01&page=3");

        var form = cut.Find("form.session-filters");
        (form.GetAttribute("method"), form.GetAttribute("action")).Should().Be(("get", "/facilitate"));
        form.QuerySelectorAll("[name]").Select(e => e.GetAttribute("name")).Should().BeEquivalentTo(["q", "from", "to"]);
        cut.Find("#filter-from").GetAttribute("value").Should().Be("2026-01-01");
    }

    [Fact]
    public async Task ABackwardsDateRange_IsExplained()
    {
        await Core.Sessions.CreateAsync("Leeds", TestCore.Owner);

        var cut = RenderAt("/facilitate?from=2026-05-01&to=2026-04-01");

        cut.Find("[role=alert]").TextContent.Should().Contain("start date is after the end date");
        cut.Find("[data-testid=no-sessions]").TextContent.Should().Contain("No sessions match");
    }

    [Fact]
    public async Task MalformedFilters_AreIgnored_NotAnError()
    {
        await Core.Sessions.CreateAsync("Leeds", TestCore.Owner);

        var cut = RenderAt("/facilitate?from=yesterday&to=%3Cscript%3E&page=abc");

        cut.FindAll("tbody tr").Should().ContainSingle();
        cut.Markup.Should().NotContain("Clear filters");
    }

    [Fact]
    public async Task HostileTitles_AreShownAsText()
    {
        await Core.Sessions.CreateAsync("<img src=x onerror=alert(1)>", TestCore.Owner);

        var cut = RenderAt("/facilitate");

        cut.Find("tbody td a").TextContent.Should().Be("<img src=x onerror=alert(1)>");
        cut.FindAll("img").Should().BeEmpty();
    }
}
