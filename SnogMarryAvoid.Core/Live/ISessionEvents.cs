namespace SnogMarryAvoid.Core.Live;

/// <summary>
/// Publish/subscribe of <see cref="SessionEvent"/>s, one topic per session. Register it as a singleton:
/// every circuit and hub connection in the process shares it.
/// </summary>
public interface ISessionEvents
{
    /// <summary>Delivers the event to every subscriber of its session; a failing subscriber does not stop the others.</summary>
    Task PublishAsync(SessionEvent sessionEvent);

    /// <summary>Calls <paramref name="handler"/> for each event of the session until the returned handle is disposed.</summary>
    IDisposable Subscribe(Guid sessionId, Func<SessionEvent, Task> handler);

    /// <summary>Calls <paramref name="handler"/> for each event of every session until the returned handle is disposed.</summary>
    IDisposable SubscribeAll(Func<SessionEvent, Task> handler);
}
