using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core;

public static class CoreSetup
{
    /// <summary>
    /// Everything Core offers: persistence for the configured engine, the in-process event engine and
    /// the services. All are singletons: they hold no per-request state (each operation makes its own
    /// context), and the notifier must be shared by every circuit.
    /// </summary>
    public static IServiceCollection AddSnogCore(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.AddSnogPersistence(configuration, dataFolder);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISessionEvents, InProcessSessionEvents>();
        services.AddSingleton<SessionChanges>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<ScenarioService>();
        services.AddSingleton<ParticipantService>();
        services.AddSingleton<VotingService>();
        services.AddSingleton<TallyBroadcaster>();
        return services;
    }
}
