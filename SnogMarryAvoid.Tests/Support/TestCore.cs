using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// Core's real services over a fresh database built by the real migrations: by default a SQLite file
/// in a temporary folder (WAL, real locking, as in production), or any engine given its settings.
/// </summary>
public sealed class TestCore : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _folder;
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsFolder;

    private TestCore(ServiceProvider services, string? folder, Dictionary<string, string?> settings, bool ownsFolder)
    {
        _services = services;
        _folder = folder;
        _settings = settings;
        _ownsFolder = ownsFolder;
    }

    /// <summary>
    /// Another server on this Core's database: its own services, its own vote writer and tallies, its own events
    /// (no Redis between them); the database is this Core's, which keeps it. For restarts and two servers.
    /// </summary>
    public async Task<TestCore> SameDatabaseAsync(TimeProvider? clock = null)
    {
        var other = await CreateAsync(_settings, _folder, clock);
        return new TestCore(other._services, other._folder, other._settings, ownsFolder: false);
    }

    /// <summary>The facilitator who owns the sessions the helpers make.</summary>
    public static readonly Actor Owner = new("facilitator-a", IsOrganiser: false);

    /// <summary>Another facilitator, who must not reach <see cref="Owner"/>'s sessions.</summary>
    public static readonly Actor OtherFacilitator = new("facilitator-b", IsOrganiser: false);

    public static readonly Actor Organiser = new("organiser-1", IsOrganiser: true);

    public IServiceProvider Services => _services;
    public DeckService Decks => _services.GetRequiredService<DeckService>();
    public SessionService Sessions => _services.GetRequiredService<SessionService>();
    public ScenarioService Scenarios => _services.GetRequiredService<ScenarioService>();
    public ParticipantService Participants => _services.GetRequiredService<ParticipantService>();
    public VotingService Voting => _services.GetRequiredService<VotingService>();
    public ISessionEvents Events => _services.GetRequiredService<ISessionEvents>();
    public DbWork Db => _services.GetRequiredService<DbWork>();

    /// <summary>Core's services in any container (a running app's, say), with the same set-up helpers.</summary>
    public sealed record Handles(IServiceProvider Services)
    {
        public SessionService Sessions => Services.GetRequiredService<SessionService>();
        public ScenarioService Scenarios => Services.GetRequiredService<ScenarioService>();
        public DeckService Decks => Services.GetRequiredService<DeckService>();
        public VotingService Voting => Services.GetRequiredService<VotingService>();
        public ParticipantService Participants => Services.GetRequiredService<ParticipantService>();

        /// <summary>Joins <paramref name="count"/> new participants; returns their ids.</summary>
        public async Task<IReadOnlyList<Guid>> JoinAsync(string code, int count)
        {
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                ids.Add((await Participants.JoinAsync(code, ParticipantService.NewKey())).ParticipantId);
            }

            return ids;
        }

        public Task<(ManagerView Session, IReadOnlyList<ScenarioView> Scenarios)> LiveSessionAsync(int scenarios = 2, string title = "Test session", Actor? owner = null) =>
            TestCore.LiveSessionAsync(Sessions, Decks, scenarios, title, owner ?? Owner);

        /// <summary>The ids of the session's participants, as stored.</summary>
        public async Task<IReadOnlyList<Guid>> ParticipantsAsync(Guid sessionId)
        {
            await using var ctx = await Services.GetRequiredService<DbWork>().ReadAsync();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(ctx.Participants.Where(p => p.SessionId == sessionId).Select(p => p.Id));
        }
    }

    public static Task<TestCore> CreateSqliteAsync(TimeProvider? clock = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sma-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return CreateAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder, "test.db")}",
        }, folder, clock);
    }

    /// <summary>
    /// Core over an engine given its settings. Background services (the countdown closer) do not run:
    /// tests drive them; the vote and join writers do. Pass a <paramref name="clock"/> to control time. Every
    /// database command is counted in <see cref="Commands"/>.
    /// </summary>
    public static async Task<TestCore> CreateAsync(Dictionary<string, string?> settings, string? folder = null, TimeProvider? clock = null)
    {
        // The folder is the data folder, as in the app (DataFolder).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(folder is null ? settings : new(settings) { ["DataFolder"] = folder }).Build();
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(clock ?? TimeProvider.System)
            .AddSingleton<CommandCounter>()
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<CommandCounter>())
            .AddSingleton<SaveChangesCounter>()
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<SaveChangesCounter>())
            .AddSnogCore(folder ?? Path.GetTempPath());
        var services = collection.BuildServiceProvider();
        foreach (var hosted in services.GetServices<IHostedService>().Where(h => h is not BackgroundService or VoteBatcher or JoinBatcher))
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new TestCore(services, folder, settings, ownsFolder: true);
    }

    /// <summary>How many participants the session has, as stored.</summary>
    public async Task<int> CountParticipantsAsync(Guid sessionId)
    {
        await using var ctx = await Db.ReadAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(ctx.Participants, p => p.SessionId == sessionId);
    }

    /// <summary>The database commands run so far, by every context of this Core.</summary>
    public CommandCounter Commands => _services.GetRequiredService<CommandCounter>();

    /// <summary>The change tracker's save passes (<c>SaveChanges</c>) run so far, by every context of this Core.</summary>
    public SaveChangesCounter Saves => _services.GetRequiredService<SaveChangesCounter>();

    /// <summary>A live session with <paramref name="scenarios"/> scenarios, none open.</summary>
    public Task<(ManagerView Session, IReadOnlyList<ScenarioView> Scenarios)> LiveSessionAsync(int scenarios = 2, string title = "Test session") =>
        LiveSessionAsync(Sessions, Decks, scenarios, title, Owner);

    private static async Task<(ManagerView, IReadOnlyList<ScenarioView>)> LiveSessionAsync(
        SessionService sessions, DeckService deck, int scenarios, string title, Actor owner)
    {
        var session = await sessions.CreateAsync(title, owner);
        var added = new List<ScenarioView>();
        for (var i = 1; i <= scenarios; i++)
        {
            added.Add(await deck.AddAsync(session.Id, owner, $"Public body {i}", $"Activist {i}", null));
        }

        await sessions.StartAsync(session.Id, owner);
        return (await sessions.GetAsync(session.Id, owner), added);
    }

    /// <summary>Joins <paramref name="count"/> new participants; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> JoinAsync(string code, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Participants.JoinAsync(code, ParticipantService.NewKey())).ParticipantId);
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<VoteBatcher>().StopAsync(CancellationToken.None);
        await _services.GetRequiredService<JoinBatcher>().StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        if (!_ownsFolder)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS to clean from the temp folder.
            }
        }
    }
}

/// <summary>Counts the database commands that contexts run (a test that a view asks the database nothing).</summary>
public sealed class CommandCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    private int _count;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

    private readonly System.Collections.Concurrent.ConcurrentQueue<Microsoft.EntityFrameworkCore.Diagnostics.CommandSource> _sources = new();

    public int Count => Volatile.Read(ref _count);

    /// <summary>The SQL of every command run, in order.</summary>
    public IReadOnlyList<string> Texts => [.. _texts];

    /// <summary>Where in EF Core each command came from (a LINQ query, raw SQL, SaveChanges…), in the order of <see cref="Texts"/>.</summary>
    public IReadOnlyList<Microsoft.EntityFrameworkCore.Diagnostics.CommandSource> Sources => [.. _sources];

    public override System.Data.Common.DbCommand CommandCreated(Microsoft.EntityFrameworkCore.Diagnostics.CommandEndEventData eventData, System.Data.Common.DbCommand result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override System.Data.Common.DbCommand CommandInitialized(Microsoft.EntityFrameworkCore.Diagnostics.CommandEndEventData eventData, System.Data.Common.DbCommand result)
    {
        _texts.Enqueue(result.CommandText);
        _sources.Enqueue(eventData.CommandSource);
        return result;
    }
}

/// <summary>Counts the change tracker's save passes (<c>SaveChanges</c>), however few rows they write.</summary>
public sealed class SaveChangesCounter : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> SavingChanges(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }
}

/// <summary>Collects a session's events for assertions.</summary>
public sealed class EventRecorder : IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<SessionEvent> _events = [];

    public EventRecorder(ISessionEvents events, Guid sessionId) =>
        _subscription = events.Subscribe(sessionId, e =>
        {
            lock (_events)
            {
                _events.Add(e);
            }

            return Task.CompletedTask;
        });

    public IReadOnlyList<SessionEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<T> OfType<T>() => Events.OfType<T>().ToList();

    /// <summary>Waits (bounded) until an event matches; the wait is for delivery, not a timing assertion.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (OfType<T>().LastOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {typeof(T).Name} matching the condition arrived within {seconds} s.");
    }

    public void Dispose() => _subscription.Dispose();
}

/// <summary>Test shorthands over Core's services.</summary>
public static class VotingServiceExtensions
{
    /// <summary>The participant's committed vote on one scenario, or null: read through <see cref="VotingService.GetVotesAsync"/>.</summary>
    public static async Task<VoteReceipt?> VoteOnAsync(this VotingService voting, Guid participantId, Guid scenarioId) =>
        (await voting.GetVotesAsync(participantId)).SingleOrDefault(v => v.ScenarioId == scenarioId);
}
