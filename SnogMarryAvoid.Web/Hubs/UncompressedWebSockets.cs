using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// The hub's WebSockets never use per-message compression. Each compressed WebSocket holds a zlib deflate
/// and inflate state on the server (about 300 KB of native memory), which was most of what an idle phone
/// cost; the hub's messages are small JSON, so compression saves little on the wire (docs/benchmarks.md).
/// </summary>
public static class UncompressedWebSockets
{
    // The WebSocket middleware here, before the wrapper: the copy inside the hub's endpoint then finds the
    // feature already set and leaves it alone.
    public static IApplicationBuilder UseUncompressedWebSockets(this IApplicationBuilder app, PathString path) =>
        app.UseWebSockets().Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(path) && context.Features.Get<IHttpWebSocketFeature>() is { IsWebSocketRequest: true } feature)
            {
                context.Features.Set<IHttpWebSocketFeature>(new Uncompressed(feature));
            }

            return next(context);
        });

    private sealed class Uncompressed(IHttpWebSocketFeature inner) : IHttpWebSocketFeature
    {
        public bool IsWebSocketRequest => inner.IsWebSocketRequest;

        public Task<WebSocket> AcceptAsync(WebSocketAcceptContext context)
        {
            context.DangerousEnableCompression = false;
            return inner.AcceptAsync(context);
        }
    }
}
