using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.Reliability;

/// <summary>
/// SIGTERM in the middle of a burst of votes: the server stops taking new clients, tells its clients to
/// move, finishes what is in flight and exits in time; no acknowledged vote is lost, and the phones come
/// back by themselves when a server is there again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GracefulStopTests(BrowserFixture browser)
{
    private const int Clients = 20;
    private const int DrainSeconds = 8;

    private sealed class Voter(HubConnection connection)
    {
        public HubConnection Connection { get; } = connection;
        public string Token { get; set; } = "";
        public Choice? Acknowledged { get; set; }
        public Choice? InFlight { get; set; }
        public int StoppingAfterMs { get; set; } = -1;
    }

    [Fact]
    public async Task SigtermMidBurst_DrainsInTime_LosesNoAcknowledgedVote_AndThePhonesComeBackByThemselves()
    {
        var port = AppFactory.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["Shutdown__DrainSeconds"] = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Limits__VoteBurst"] = "1000", ["Limits__VotesPerSecond"] = "1000", ["Logging__LogLevel__SnogMarryAvoid.Web.Hosting"] = "Information" };
        var first = await ServerProcess.StartAsync(settings, folder, port);
        first.Forget();
        Guid scenario;
        string code;
        await using (var core = await first.CoreAsync())
        {
            var (session, scenarios) = await core.LiveSessionAsync(1, "Stopping gracefully");
            await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
            (scenario, code) = (scenarios[0].Id, session.JoinCode);
        }

        var phones = new List<IPage>();
        foreach (var choice in new[] { "Snog", "Marry", "Avoid" })
        {
            var phone = await browser.PhoneAsync("Pixel 7");
            await phone.GotoAsync($"{first.Url}/join/{code}");
            await phone.WaitForInteractiveAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true }).ClickAsync();
            await Expect(phone.GetByText($"Vote received: {choice}")).ToBeVisibleAsync();
            await phone.EvaluateAsync("window.__beforeStop = true");
            phones.Add(phone);
        }

        var voters = new List<Voter>();
        var told = Stopwatch.StartNew();
        for (var i = 0; i < Clients; i++)
        {
            var voter = new Voter(AppFactory.HubClientOverHttp(first.Url));
            // As the contract says: leave at a moment of one's own within the time given.
            voter.Connection.On<int>(nameof(ISessionClient.ServerStopping), within =>
            {
                voter.StoppingAfterMs = (int)told.ElapsedMilliseconds;
                _ = Task.Delay(Random.Shared.Next(within)).ContinueWith(_ => voter.Connection.StopAsync(), TaskScheduler.Default);
            });
            await voter.Connection.StartAsync();
            voter.Token = (await voter.Connection.InvokeAsync<JoinReply>("Join", code, null)).ParticipantToken;
            voters.Add(voter);
        }

        using var burst = new CancellationTokenSource();
        var sending = voters.Select((voter, n) => Task.Run(async () =>
        {
            for (var i = n; !burst.IsCancellationRequested && voter.Connection.State == HubConnectionState.Connected; i++)
            {
                voter.InFlight = (Choice)(i % 3 + 1);
                try
                {
                    var receipt = await voter.Connection.InvokeAsync<VoteReceipt>("Vote", scenario, voter.InFlight);
                    voter.Acknowledged = receipt.Choice;
                    voter.InFlight = null;
                }
                catch (Exception)
                {
                    return; // not acknowledged: the connection went
                }
            }
        })).ToList();

        await Task.Delay(700);
        told.Restart();
        first.Terminate();
        using var http = new HttpClient();
        // (The signal reaches the server a moment after kill returns.)
        var readyWhileStopping = await http.GetAsync($"{first.Url}/healthz/ready");
        for (var i = 0; i < 20 && readyWhileStopping.StatusCode == HttpStatusCode.OK; i++)
        {
            await Task.Delay(50);
            readyWhileStopping = await http.GetAsync($"{first.Url}/healthz/ready");
        }

        var hubWhileStopping = await http.PostAsync($"{first.Url}/hubs/session/negotiate?negotiateVersion=1", null);
        await first.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(DrainSeconds + 10));
        var stoppedAfter = told.Elapsed;
        await burst.CancelAsync();
        await Task.WhenAll(sending);

        readyWhileStopping.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "readiness turns unhealthy while the server drains");
        (await readyWhileStopping.Content.ReadAsStringAsync()).Should().Contain("drain: Unhealthy");
        hubWhileStopping.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a new hub connection goes elsewhere: " + await hubWhileStopping.Content.ReadAsStringAsync() + string.Join(",", hubWhileStopping.Headers.Select(h => h.Key)));
        first.Process.ExitCode.Should().Be(0, "a graceful stop is a clean exit");
        stoppedAfter.Should().BeLessThan(TimeSpan.FromSeconds(DrainSeconds + 2), "the server exits within the set time");
        voters.Should().AllSatisfy(v => v.StoppingAfterMs.Should().BeInRange(0, 2000, "every client is told at once: " + string.Join("\n", first.Output.TakeLast(15))));
        voters.Count(v => v.Acknowledged is not null).Should().Be(Clients, "every client had votes acknowledged before the stop");
        first.Output.Should().Contain(l => l.Contains("Stopping: telling", StringComparison.Ordinal));

        await using var second = await ServerProcess.StartAsync(settings, folder, port);
        foreach (var voter in voters)
        {
            await using var again = AppFactory.HubClientOverHttp(second.Url);
            await again.StartAsync();
            var stored = (await again.InvokeAsync<JoinReply>("Join", code, voter.Token)).MyVotes.Single(v => v.ScenarioId == scenario).Choice;
            stored.Should().BeOneOf(new[] { voter.Acknowledged!.Value, voter.InFlight ?? voter.Acknowledged!.Value },
                "the last acknowledged vote is stored (or the one sent after it, if it was stored but its answer was lost)");
        }

        foreach (var (phone, choice) in phones.Zip(new[] { "Marry", "Avoid", "Snog" }))
        {
            // Nobody reloads: each page reconnects by itself to the new server and can vote again.
            await Expect(phone.Locator(".connection")).ToBeHiddenAsync(new() { Timeout = 60_000 });
            await phone.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true }).ClickAsync();
            await Expect(phone.GetByText($"Vote received: {choice}")).ToBeVisibleAsync();
            (await phone.EvaluateAsync<bool>("window.__beforeStop === true")).Should().BeTrue("the same document recovered, no reload");
            await phone.Context.CloseAsync();
        }
    }
}
