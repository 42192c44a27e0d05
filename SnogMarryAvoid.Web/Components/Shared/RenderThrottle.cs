namespace SnogMarryAvoid.Web.Components.Shared;

/// <summary>
/// Coalesces bursts of updates into at most one redraw per interval: the first request in a quiet
/// period draws at once, later ones within the interval are folded into one trailing draw. The trailing draw
/// comes from a timer, so it goes through <paramref name="render"/> (onto the page's dispatcher); the draw at once
/// is made on the caller's own thread with <paramref name="drawHere"/> when given (a caller already on the
/// dispatcher saves a second trip onto it for every vote at a calm pace).
/// </summary>
public sealed class RenderThrottle(Func<Task> render, TimeSpan interval, TimeProvider clock, Action? drawHere = null) : IDisposable
{
    private readonly Lock _gate = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private ITimer? _pending;
    private bool _disposed;

    public void Request()
    {
        lock (_gate)
        {
            if (_disposed || _pending is not null)
            {
                return;
            }

            var wait = _last + interval - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                _pending = clock.CreateTimer(_ => Fire(), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }

            _last = clock.GetUtcNow();
        }

        if (drawHere is not null)
        {
            drawHere();
        }
        else
        {
            _ = render();
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = null;
            if (_disposed)
            {
                return;
            }

            _last = clock.GetUtcNow();
        }

        _ = render();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending?.Dispose();
            _pending = null;
        }
    }
}
