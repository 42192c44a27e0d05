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
