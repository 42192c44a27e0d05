namespace SnogMarryAvoid.Web.Components.Shared;

/// <summary>
/// Coalesces bursts of updates into at most one redraw per interval: the first request in a quiet
/// period draws at once, later ones within the interval are folded into one trailing draw.
/// </summary>
public sealed class RenderThrottle(Func<Task> render, TimeSpan interval, TimeProvider clock) : IDisposable
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
            if (wait <= TimeSpan.Zero)
            {
                _last = clock.GetUtcNow();
                _ = render();
                return;
            }

            _pending = clock.CreateTimer(_ => Fire(), null, wait, Timeout.InfiniteTimeSpan);
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
