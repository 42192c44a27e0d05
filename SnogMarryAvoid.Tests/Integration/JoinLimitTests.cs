using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Hubs;

namespace SnogMarryAvoid.Tests.Integration;

public class JoinLimitTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(settings: new() { ["Limits:WrongJoinCodesPerMinute"] = "3" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task WrongCodes_FromOneAddress_AreSlowedDown_WithAClearMessage_ButARightCodeStillGetsIn()
    {
        var (session, _) = await _app.Core.LiveSessionAsync();
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var wrong in new[] { "KX7PM", "KX7PN", "KX7PQ" })
        {
            (await client.GetAsync($"/?code={wrong}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var blocked = await client.GetAsync("/?code=KX7PR");
        var right = await client.GetAsync($"/?code={session.JoinCode}");

        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await blocked.Content.ReadAsStringAsync()).Should().Contain("Too many wrong codes from this network, so each try now takes a moment.");
        right.StatusCode.Should().Be(HttpStatusCode.Redirect, "a prankster behind the venue's Wi-Fi cannot lock the room out");
        right.Headers.Location!.ToString().Should().EndWith($"/join/{session.JoinCode}");
    }

    [Fact]
    public async Task APranksterHammeringWrongCodes_DoesNotLockTheRoomOut_OnTheHub()
    {
        var (session, _) = await _app.Core.LiveSessionAsync();
        await using var prankster = _app.HubClient();
        await prankster.StartAsync();
        var wrongs = Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await prankster.InvokeAsync<JoinReply>("Join", "KX7PM", null);
            }
            catch (HubException)
            {
                // refused, as it should be
            }
        }).ToList();
        await Task.WhenAll(wrongs.Take(3));

        await using var phone = _app.HubClient();
        await phone.StartAsync();
        var joined = await phone.InvokeAsync<JoinReply>("Join", session.JoinCode, null);

        joined.SessionId.Should().Be(session.Id);
        await Task.WhenAll(wrongs);
    }

    [Fact]
    public async Task RightCodes_AreNeverCounted()
    {
        var (session, _) = await _app.Core.LiveSessionAsync();
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        for (var i = 0; i < 10; i++)
        {
            (await client.GetAsync($"/?code={session.JoinCode}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
    }

    [Fact]
    public async Task WrongCodes_OnTheHub_AreLimitedToo()
    {
        await using var hub = _app.HubClient();
        await hub.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var wrong = () => hub.InvokeAsync<JoinReply>("Join", "KX7PM", null);
            (await wrong.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("UnknownJoinCode");
        }

        var blocked = () => hub.InvokeAsync<JoinReply>("Join", "KX7PM", null);

        (await blocked.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("TooManyAttempts: Too many wrong codes");
    }
}
