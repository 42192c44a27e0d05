using Bunit;
using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

public class ReasonBoxTests : BunitContext
{
    [Fact]
    public void Typing_CountsCharactersAndFlagsOverTheLimit()
    {
        var cut = Render<ReasonBox>();

        cut.Find("textarea").Input("Because 🙂");
        cut.Find("#reason-count").TextContent.Should().Be("9 / 280");

        cut.Find("textarea").Input(new string('x', 281));
        cut.Find("#reason-count").ClassList.Should().Contain("over");
    }

    [Fact]
    public void Save_SendsTheTextAndIsDisabledUntilSomethingChanges()
    {
        string? saved = null;
        var cut = Render<ReasonBox>(p => p.Add(c => c.Saved, "Old").Add(c => c.OnSave, (string s) => saved = s));

        cut.Find("button").HasAttribute("disabled").Should().BeTrue();
        cut.Find("textarea").Input("New reason");
        cut.Find("button").Click();

        saved.Should().Be("New reason");
        cut.Find("button").TextContent.Should().Be("Update reason");
    }
}

public class ReasonBoxSavedTests : BunitContext
{
    [Fact]
    public void AfterTheServerSavesTheText_ItSaysSavedAndDisablesTheButton()
    {
        var cut = Render<ReasonBox>();
        cut.Find("textarea").Input("Too risky for a trust.");

        cut.Render(p => p.Add(c => c.Saved, "Too risky for a trust."));

        cut.Find(".saved").TextContent.Should().Be("Reason saved.");
        cut.Find("button").HasAttribute("disabled").Should().BeTrue();
    }
}
