using System.Net;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Integration;

/// <summary>Every signed-in page, for every kind of visitor: each cell is asserted.</summary>
public class AuthorizationMatrixTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private Guid _sessionOfA;

    public async ValueTask InitializeAsync()
    {
        var a = await _app.CreateFacilitatorAsync("a@example.org");
        await _app.CreateFacilitatorAsync("b@example.org");
        (var session, _) = await _app.Core.LiveSessionAsync(owner: a);
        _sessionOfA = session.Id;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    // Expected outcome per page: "ok" (200), "login" (sent to sign in), "denied" (sent to the
    // not-allowed page), "forbidden" (403 with a message).
    public static TheoryData<string, string, string> Cells => new()
    {
        { "anonymous", "/facilitate", "login" },
        { "anonymous", "/facilitate/{A}", "login" },
        { "anonymous", "/projector/{A}", "login" },
        { "anonymous", "/admin/users", "login" },
        { "anonymous", "/account/password", "login" },
        { "participant", "/facilitate", "login" },
        { "participant", "/projector/{A}", "login" },
        { "participant", "/admin/users", "login" },
        { "facilitator A", "/facilitate", "ok" },
        { "facilitator A", "/facilitate/{A}", "ok" },
        { "facilitator A", "/projector/{A}", "ok" },
        { "facilitator A", "/admin/users", "denied" },
        { "facilitator A", "/account/password", "ok" },
        { "facilitator B", "/facilitate", "ok" },
        { "facilitator B", "/facilitate/{A}", "forbidden" },
        { "facilitator B", "/projector/{A}", "forbidden" },
        { "facilitator B", "/admin/users", "denied" },
        { "facilitator B", "/account/password", "ok" },
        { "organiser", "/facilitate", "ok" },
        { "organiser", "/facilitate/{A}", "ok" },
        { "organiser", "/projector/{A}", "ok" },
        { "organiser", "/admin/users", "ok" },
        { "organiser", "/account/password", "ok" },
        { "anonymous", "/facilitate/{A}/deck.csv", "login" },
        { "facilitator A", "/facilitate/{A}/deck.csv", "ok" },
        { "facilitator A", "/facilitate/{A}/deck.json", "ok" },
        { "facilitator B", "/facilitate/{A}/deck.csv", "forbidden" },
        { "organiser", "/facilitate/{A}/deck.json", "ok" },
        { "anonymous", "/reports/{A}/votes.csv", "login" },
        { "facilitator A", "/reports/{A}/results.csv", "ok" },
        { "facilitator A", "/reports/{A}/votes.csv", "ok" },
        { "facilitator B", "/reports/{A}/results.csv", "forbidden" },
        { "facilitator B", "/reports/{A}/votes.csv", "forbidden" },
        { "facilitator B", "/reports/{A}/session.json", "forbidden" },
        { "organiser", "/reports/{A}/session.json", "ok" },
        { "anonymous", "/reports/{A}", "login" },
        { "facilitator A", "/reports/{A}", "ok" },
        { "facilitator B", "/reports/{A}", "forbidden" },
        { "organiser", "/reports/{A}", "ok" },
        { "anonymous", "/reports", "login" },
        { "facilitator B", "/reports", "ok" },
        { "organiser", "/reports", "ok" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Page_AnswersEachVisitorAsExpected(string visitor, string page, string expected)
    {
        var client = visitor switch
        {
            "facilitator A" => await _app.SignedInClientAsync("a@example.org", AppFactory.FacilitatorPassword),
            "facilitator B" => await _app.SignedInClientAsync("b@example.org", AppFactory.FacilitatorPassword),
            "organiser" => await _app.SignedInClientAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword),
            _ => _app.Browserish(),
        };
        if (visitor == "participant")
        {
            // A participant is anonymous but carries a participant cookie from joining.
            var code = (await _app.Core.Sessions.GetAsync(_sessionOfA, SnogMarryAvoid.Core.Accounts.Actor.System)).JoinCode;
            (await client.GetAsync($"/join/{code}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var response = await client.GetAsync(page.Replace("{A}", _sessionOfA.ToString()));
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
