using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// bUnit set up as the app runs: MudBlazor services, loose JS interop, an interactive server
/// renderer, and (when a test asks) Core's real services over a fresh database.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new SnogMarryAvoid.Web.Languages.Languages());
    }

    private BunitAuthorizationContext? _auth;

    protected TestCore Core { get; private set; } = default!;

    /// <summary>Waits (up to 10 s) until a follower or page has applied what a test did, on its own threads.</summary>
    protected static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the change reaches every follower");
            await Task.Delay(10, Xunit.TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Renders as this signed-in user from now on.</summary>
    protected void SignIn(Actor actor)
    {
        if (_auth is null)
        {
            Services.AddCascadingAuthenticationState();
            _auth = AddAuthorization();
        }

        var auth = _auth;
        auth.SetAuthorized(actor.UserId);
        auth.SetRoles(actor.IsOrganiser ? Roles.Organiser : Roles.Facilitator);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId));
    }

    public virtual async ValueTask InitializeAsync()
    {
        Core = await TestCore.CreateSqliteAsync();
        Services.AddSingleton(Core.Sessions);
        Services.AddSingleton(Core.Scenarios);
        Services.AddSingleton(Core.Participants);
        Services.AddSingleton(Core.Voting);
        Services.AddSingleton(Core.Events);
        Services.AddSingleton(Core.Decks);
        Services.AddSingleton(Core.Services.GetRequiredService<PresenceTracker>());
        Services.AddSingleton(Core.Services.GetRequiredService<ModerationService>());
        Services.AddSingleton(Core.Services.GetRequiredService<SnogMarryAvoid.Core.Camps.CampService>());
        Services.AddSingleton<SnogMarryAvoid.Web.Room.INetworkAddresses>(new FakeNetwork());
        Services.AddSingleton<SnogMarryAvoid.Web.Room.JoinLinks>();
        Services.AddSingleton(Core.Services.GetRequiredService<SnogMarryAvoid.Core.Reports.ReportService>());
        Services.AddSingleton(Core.Services.GetRequiredService<SnogMarryAvoid.Core.Reports.AcrossSessions>());
        SignIn(TestCore.Owner);

        // Last: this builds the renderer, after which no service may be added.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await Core.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
