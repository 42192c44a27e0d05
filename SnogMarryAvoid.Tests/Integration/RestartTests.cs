using Microsoft.AspNetCore.SignalR.Client;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;
using SnogMarryAvoid.Web.Participants;

namespace SnogMarryAvoid.Tests.Integration;

public class RestartTests
{
    [Fact]
    public async Task VotesAndParticipantCookies_SurviveARestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        Guid scenarioId;
        string code;
        string cookie;
        try
        {
            await using (var before = new AppFactory(folder))
            {
                var (session, scenarios) = await before.Core.LiveSessionAsync();
                (scenarioId, code) = (scenarios[0].Id, session.JoinCode);
                await before.Core.Scenarios.OpenAsync(session.Id, scenarioId, TestCore.Owner);
                var page = await before.CreateClient(new() { HandleCookies = false }).GetAsync($"/join/{code}");
                cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ParticipantCookie.Name)).Split(';')[0];

                foreach (var choice in new[] { Choice.Marry, Choice.Marry, Choice.Snog })
                {
                    await using var another = before.HubClient();
                    await another.StartAsync();
                    await another.InvokeAsync<JoinReply>("Join", code, null);
                    await another.InvokeAsync<VoteReceipt>("Vote", scenarioId, choice);
                }
            }

            await using var after = new AppFactory(folder);

            (await after.Core.Voting.GetResultsAsync(scenarioId)).Should().Be(new ScenarioResults(scenarioId, 1, 2, 0));
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/join/{code}");
            request.Headers.Add("Cookie", cookie);
            var response = await after.CreateClient(new() { HandleCookies = false }).SendAsync(request);
            HttpTests.ParticipantCookiesSet(response).Should().BeEmpty("the same phone is still the same participant after a restart");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
