using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Participants;

namespace SnogMarryAvoid.Tests.Integration;

public class HttpTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HttpClient Client(bool followRedirects = false) =>
        _app.CreateClient(new() { AllowAutoRedirect = followRedirects, HandleCookies = false });

    [Fact]
    public async Task Healthz_AnswersHealthy()
    {
        var response = await Client().GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Theory]
    [InlineData("/reports/{A}/results.csv", "results.csv")]
    [InlineData("/reports/{A}/votes.csv", "votes.csv")]
    [InlineData("/reports/{A}/session.json", "session.json")]
    [InlineData("/facilitate/{A}/deck.csv", "deck.csv")]
    [InlineData("/facilitate/{A}/deck.json", "deck.json")]
    public async Task Downloads_AreNamedAfterTheSessionAndItsDay(string path, string what)
    {
        var organiser = await _app.OrganiserAsync();
        var (session, _) = await _app.Core.LiveSessionAsync(1, "Leeds, spring", owner: organiser);
        var day = (await _app.Core.Sessions.GetAsync(session.Id, organiser)).StartedAt!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var client = await _app.SignedInClientAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        var response = await client.GetAsync(path.Replace("{A}", session.Id.ToString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName.Should().Be($"leeds-spring-{day}-{what}");
    }

    [Fact]
    public async Task AtStart_TheVotePathIsRehearsed_InTheBackground()
    {
        var warmUp = _app.Services.GetServices<IHostedService>().OfType<VotePathWarmUp>().Single();

        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        warmUp.Rehearsed.Should().BeTrue();
    }

    [Fact]
    public async Task Home_HasAJoinCodeField()
    {
        var html = await Client().GetStringAsync("/");

        html.Should().Contain("<label for=\"join-code\">Join code</label>");
        html.Should().Contain("id=\"join-code\" name=\"code\"");
        html.Should().NotContain("MudBlazor.min.css", "the participant's pages load no component library");
    }

    [Fact]
    public async Task Join_WithoutACode_IsTheCodeEntryPage_TheAddressTheProjectorShows()
    {
        var response = await Client().GetAsync("/join");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<label for=\"join-code\">Join code</label>");
        html.Should().NotContain("src=\"js/phone", "the code-entry page loads no vote script");
        (await Client().GetAsync("/join/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("zzzzz", "No session has the code ZZZZZ. Codes never use 0, 1, 2, 5, 8, B, I, L, O, S or Z, which look like other characters, and you typed Z: check the code on the screen.")]
    [InlineData("ABCDE", "No session has the code ABCDE. Codes never use 0, 1, 2, 5, 8, B, I, L, O, S or Z, which look like other characters, and you typed B: check the code on the screen.")]
    [InlineData("K0 7PO", "No session has the code K07PO. Codes never use 0, 1, 2, 5, 8, B, I, L, O, S or Z, which look like other characters, and you typed 0 and O: check the code on the screen.")]
    public async Task Home_WithALookAlikeCharacter_SaysNoSessionHasIt_AndWhichCharactersCodesNeverUse(string typed, string message)
    {
        var html = System.Net.WebUtility.HtmlDecode(await Client().GetStringAsync($"/?code={Uri.EscapeDataString(typed)}"));

        html.Should().Contain(message);
        html.Should().NotContain("Codes are 5 or 6 letters and numbers", "that would contradict what the person typed");
    }

    [Fact]
    public async Task Home_WithAValidCode_SendsThePhoneToItsSession()
    {
        var (session, _) = await _app.Core.LiveSessionAsync();
        var typed = $"{session.JoinCode[..2].ToLowerInvariant()}-{session.JoinCode[2..]}";

        var response = await Client().GetAsync($"/?code={Uri.EscapeDataString(typed)}");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().EndWith($"/join/{session.JoinCode}");
    }

    [Fact]
    public async Task Home_WithAnUnknownCode_SaysSoAndKeepsWhatWasTyped()
    {
        var html = await Client().GetStringAsync("/?code=kx7pm");

        html.Should().Contain("No session has the code KX7PM");
        html.Should().Contain("value=\"kx7pm\"");
        html.Should().Contain("aria-invalid=\"true\"");
    }

    [Fact]
    public async Task Home_WithAnEndedSessionsCode_SaysItEnded()
    {
        var (session, _) = await _app.Core.LiveSessionAsync();
        await _app.Core.Sessions.EndAsync(session.Id, TestCore.Owner);

        var html = await Client().GetStringAsync($"/?code={session.JoinCode}");

        html.Should().Contain($"The session {session.JoinCode} has ended.");
    }

    [Fact]
    public async Task Home_WithHostileInput_EchoesItAsText()
    {
        var html = await Client().GetStringAsync("/?code=" + Uri.EscapeDataString("\"><script>alert(1)</script>"));

        html.Should().NotContain("<script>alert(1)</script>");
        html.Should().Contain("doesn&#x27;t look like a join code");
    }

    [Fact]
    public async Task JoinPage_IssuesOneSignedHttpOnlyParticipantCookie_AndKeepsIt()
    {
        var (session, _) = await _app.Core.LiveSessionAsync();
        var client = Client();

        var first = await client.GetAsync($"/join/{session.JoinCode}");
        var setCookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ParticipantCookie.Name + "="));
        setCookie.Should().Contain("httponly").And.Contain("samesite=lax");
        var cookie = setCookie.Split(';')[0];

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/join/{session.JoinCode}");
        again.Headers.Add("Cookie", cookie);
        var second = await client.SendAsync(again);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        ParticipantCookiesSet(second).Should().BeEmpty("a valid cookie is kept");
    }

    internal static IEnumerable<string> ParticipantCookiesSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Where(c => c.StartsWith(ParticipantCookie.Name + "=")) : [];

    [Fact]
    public async Task JoinPage_WithATamperedCookie_IssuesAFreshOne()
    {
        var (session, _) = await _app.Core.LiveSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/join/{session.JoinCode}");
        request.Headers.Add("Cookie", $"{ParticipantCookie.Name}=CfDJ8forged-value");

        var response = await Client().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ParticipantCookiesSet(response).Should().ContainSingle();
    }

    [Fact]
    public async Task Projector_RendersHostileScenarioTextInertly()
    {
        var session = await _app.Core.Sessions.CreateAsync("Room", TestCore.Owner);
        var scenario = await _app.Core.Decks.AddAsync(session.Id, TestCore.Owner, "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", null);
        await _app.Core.Sessions.StartAsync(session.Id, TestCore.Owner);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenario.Id, TestCore.Owner);
        var organiser = await _app.SignedInClientAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        var html = await organiser.GetStringAsync($"/projector/{session.Id}");

        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt; meets &lt;img src=x onerror=alert(2)&gt;");
        html.Should().NotContain("<script>alert(1)").And.NotContain("<img src=x");
    }
}
