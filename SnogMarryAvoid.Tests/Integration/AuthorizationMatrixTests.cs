using System.Net;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>Every page and HTTP endpoint, for every kind of visitor: each cell is asserted.</summary>
public class AuthorizationMatrixTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private Guid _sessionOfA;

    public async ValueTask InitializeAsync()
    {
        var a = await _app.CreateFacilitatorAsync("a@example.org");
        await _app.CreateFacilitatorAsync("b@example.org");
        var d = await _app.CreateFacilitatorAsync("d@example.org");
        await _app.CreateFacilitatorAsync("c@example.org");
        (var session, _) = await _app.Core.LiveSessionAsync(owner: a);
        _sessionOfA = session.Id;

        // C runs the session with A; D did, until A took it back.
        await _app.Core.Sessions.ShareAsync(session.Id, a, "c@example.org");
        await _app.Core.Sessions.ShareAsync(session.Id, a, "d@example.org");
        await _app.Core.Sessions.UnshareAsync(session.Id, a, d.UserId);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static readonly string[] Visitors = ["anonymous", "participant", "facilitator A", "facilitator B", "co-facilitator C", "removed co-facilitator D", "organiser"];

    /// <summary>Who may open what; the hub's methods have their own matrix (HubContractTests).</summary>
    private static string Expected(string visitor, string page)
    {
        var signedIn = visitor is "facilitator A" or "facilitator B" or "co-facilitator C" or "removed co-facilitator D" or "organiser";
        var runsA = visitor is "facilitator A" or "co-facilitator C" or "organiser";
        return page switch
        {
            "/" or "/join/{CODE}" or "/account/login" or "/account/denied" or "/healthz" or "/healthz/live" or "/healthz/ready" => "ok",
            "/metrics" => "not found", // not on the public port unless Metrics:Token is set, and then only with it (MetricsTests)
            "/account/password" or "/facilitate" or "/reports" => signedIn ? "ok" : "login",
            "/admin/users" => !signedIn ? "login" : visitor == "organiser" ? "ok" : "denied",
            _ => !signedIn ? "login" : runsA ? "ok" : "forbidden", // one session's pages and files
        };
    }

    // Every page and HTTP endpoint of the app, for every kind of visitor: "ok" (200), "login" (sent
    // to sign in), "denied" (sent to the access-denied page), "forbidden" (403, nothing shown) or "not found" (404).
    public static TheoryData<string, string, string> Cells()
    {
        string[] pages =
        [
            "/", "/join/{CODE}", "/account/login", "/account/denied", "/healthz", "/healthz/live", "/healthz/ready", "/metrics",
            "/account/password", "/facilitate", "/reports", "/admin/users",
            "/facilitate/{A}", "/projector/{A}", "/reports/{A}",
            "/facilitate/{A}/deck.csv", "/facilitate/{A}/deck.json",
            "/reports/{A}/results.csv", "/reports/{A}/votes.csv", "/reports/{A}/session.json",
        ];
        var cells = new TheoryData<string, string, string>();
        foreach (var page in pages)
        {
            foreach (var visitor in Visitors)
            {
                cells.Add(visitor, page, Expected(visitor, page));
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Page_AnswersEachVisitorAsExpected(string visitor, string page, string expected)
    {
        var client = visitor switch
        {
            "facilitator A" => await _app.SignedInClientAsync("a@example.org", AppFactory.FacilitatorPassword),
            "facilitator B" => await _app.SignedInClientAsync("b@example.org", AppFactory.FacilitatorPassword),
            "co-facilitator C" => await _app.SignedInClientAsync("c@example.org", AppFactory.FacilitatorPassword),
            "removed co-facilitator D" => await _app.SignedInClientAsync("d@example.org", AppFactory.FacilitatorPassword),
            "organiser" => await _app.SignedInClientAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword),
            _ => _app.Browserish(),
        };
        if (visitor == "participant")
        {
            // A participant is anonymous but carries a participant cookie from joining.
            var code = (await _app.Core.Sessions.GetAsync(_sessionOfA, SnogMarryAvoid.Core.Accounts.Actor.System)).JoinCode;
            (await client.GetAsync($"/join/{code}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var joinCode = (await _app.Core.Sessions.GetAsync(_sessionOfA, SnogMarryAvoid.Core.Accounts.Actor.System)).JoinCode;
        var response = await client.GetAsync(page.Replace("{A}", _sessionOfA.ToString()).Replace("{CODE}", joinCode));
        var location = response.Headers.Location?.ToString() ?? "";

        switch (expected)
        {
            case "ok":
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                break;
            case "login":
                response.StatusCode.Should().Be(HttpStatusCode.Redirect);
                location.Should().Contain("/account/login");
                break;
            case "not found":
                response.StatusCode.Should().Be(HttpStatusCode.NotFound);
                break;
            case "denied":
                response.StatusCode.Should().Be(HttpStatusCode.Redirect);
                location.Should().Contain("/account/denied");
                break;
            case "forbidden":
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
                (await response.Content.ReadAsStringAsync()).Should().Contain("This session belongs to another facilitator.")
                    .And.NotContain("Public body 1", "nothing of the session is shown");
                break;
        }
    }
}
