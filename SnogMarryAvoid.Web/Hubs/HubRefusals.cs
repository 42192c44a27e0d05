using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Web.Languages;

namespace SnogMarryAvoid.Web.Hubs;

/// <summary>
/// The hub's one mapping of refusals, the outermost filter: a <see cref="DomainException"/> reaches the
/// client as a <see cref="HubException"/> "Code: explanation", the code as it always is and the explanation
/// in the connection's language (chosen as for a page, when the connection opened: the language switch's
/// cookie, then Accept-Language, then English; <see cref="Languages.Languages.Explain"/>). A refusal is not an error: it is logged
/// in one line at Debug, without a stack trace, so no client can fill the log with them. Anything else
/// is an Error with its stack. (SignalR's own "Failed to invoke hub method" lines are switched off in
/// <see cref="HubSetup"/>, since this filter logs every failure once, at the right level.)
/// </summary>
public sealed class HubRefusals(ILogger<HubRefusals> logger, Languages.Languages languages) : IHubFilter
{
    private const string LanguageItem = "language";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception ex) when (Refusal(ex, invocationContext.Context) is { } refusal)
        {
            logger.LogDebug("Hub call {Method} refused: {Refusal}", invocationContext.HubMethodName, refusal.Message);
            throw refusal;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Hub call {Method} failed", invocationContext.HubMethodName);
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.GetHttpContext()?.Features.Get<IRequestCultureFeature>() is { } culture)
        {
            context.Context.Items[LanguageItem] = languages.Of(culture.RequestCulture.UICulture);
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (Refusal(ex, context.Context) is { } refusal)
        {
            logger.LogDebug("Hub connection refused: {Refusal}", refusal.Message);
            throw refusal;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Opening a hub connection failed");
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Closing a hub connection failed");
            throw;
        }
    }

    /// <summary>The client's answer for a refusal, or null for an unexpected failure.</summary>
    private HubException? Refusal(Exception ex, HubCallerContext connection) => ex switch
    {
        DomainException domain => new HubException($"{domain.Error}: {languages.Explain(domain, connection.Items.TryGetValue(LanguageItem, out var language) ? language as Language : null)}"),
        HubException hub => hub,
        _ => null,
    };
}
