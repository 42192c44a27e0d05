using Microsoft.JSInterop;
using SnogMarryAvoid.Core.Contract;

namespace SnogMarryAvoid.Web.Components.Shared;

/// <summary>
/// A staff page's tallies drawn by its browser (js/live.js): the page watches its session on the hub (<c>Watch</c>, as
/// any watcher does) and draws each tally it is sent into the figures the server marked, and says whether it does, so
/// that the page's <see cref="SessionFollower"/> stops redrawing them for every vote (<see cref="SessionFollower.BrowserDraws"/>)
/// and starts again whenever the browser loses the hub. Nothing is drawn here: a browser that cannot watch leaves the
/// server drawing, as before.
/// </summary>
public sealed class BrowserTally : IAsyncDisposable
{
    private readonly SessionFollower _follower;
    private readonly DotNetObjectReference<BrowserTally> _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _watch;

    private BrowserTally(SessionFollower follower)
    {
        _follower = follower;
        _self = DotNetObjectReference.Create(this);
    }

    /// <summary>Starts the browser's watch, on the page's dispatcher once it is interactive.</summary>
    public static async Task<BrowserTally> StartAsync(IJSRuntime js, string signalRScript, Guid sessionId, SessionFollower follower)
    {
        var tally = new BrowserTally(follower);
        try
        {
            tally._module = await js.InvokeAsync<IJSObjectReference>("import", "./js/live.js");
            tally._watch = await tally._module.InvokeAsync<IJSObjectReference>("watch", ISessionHub.Path, signalRScript, sessionId, tally._self);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // The page went, or its browser cannot watch: the server goes on drawing the tallies.
        }

        return tally;
    }

    /// <summary>Called by js/live.js, on the page's dispatcher: true once it watches, false when it loses the hub.</summary>
    [JSInvokable]
    public void Drawing(bool drawing) => _follower.BrowserDrawsTallies(drawing);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_watch is not null)
            {
                await _watch.InvokeVoidAsync("stop");
                await _watch.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // The page is gone with its browser's connection.
        }

        _self.Dispose();
    }
}
