using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.LoadTest;

/// <summary>A vote as sent: by whom (the phone's number in the whole run), when, which, and the server's answer.</summary>
public sealed record VoteRecord(int Participant, int ScenarioOrder, Guid ScenarioId, int Choice, bool IsRetry, long SentAt, long AckedAt, long Sequence, string? Error)
{
    /// <summary>
    /// When the phone last received the room's view (<c>SessionChanged</c>), read once the scenario's votes are all
    /// answered: the opened scenario reaching that phone, as nothing else changes the view while the room votes
    /// (Stopwatch timestamp; 0 if it never did). A vote sent before it is one no real phone sends: it had not been
    /// shown the scenario yet.
    /// </summary>
    public long ShownAt { get; init; }
}

/// <summary>How a fleet's joins went: how many, and when the first started and the last was answered (Stopwatch timestamps).</summary>
public sealed record JoinFigures(int Connected, int Failed, long FirstStartedAt, long LastJoinedAt, IReadOnlyDictionary<string, int> PhonesPerServer)
{
    /// <summary>Why the first phone that could not join failed (its exception's type and message), if one failed.</summary>
    public string? FirstFailure { get; init; }
}

/// <summary>
/// What one phone does in a scenario, the same in every process of a run: derived from the seed, the scenario
/// and the phone's number alone. In a burst, the first vote at a random moment of the window, perhaps the same
/// vote again (a retry) and perhaps a change of mind later in the window; at a calm pace, one vote each,
/// one phone after another.
/// </summary>
public readonly record struct VotePlan(int First, double AtMs, (int Choice, double AtMs)? Change, bool Retry)
{
    public static VotePlan For(LoadOptions options, int participant, int order)
    {
        var random = new Random(unchecked((options.Seed * 31) + (order * 1_000_003) + participant));
        var first = random.Next(1, 4);
        if (options.CalmIntervalMs is { } every)
        {
            return new VotePlan(first, participant * every, null, false);
        }

        var burstMs = options.BurstSeconds * 1000;
        var at = random.NextDouble() * burstMs;
        (int, double)? change = random.NextDouble() < options.ChangeShare ? ((first % 3) + 1, at + (random.NextDouble() * (burstMs - at))) : null;
        return new VotePlan(first, at, change, random.NextDouble() < options.RetryShare);
    }
}

/// <summary>
/// Phones in this process: participants <c>first</c> to <c>first + count - 1</c> of the run, each with its own hub
/// connection to a server of <see cref="LoadOptions.Urls"/> (in turn, by its number), leaving from a local
/// address of <see cref="LoadOptions.SourceAddresses"/> when given. They join, vote as planned, and count what
/// they receive while the room votes.
/// </summary>
public sealed class PhoneFleet(LoadOptions options, int first, int count) : IAsyncDisposable
{
    /// <summary>How often each phone tells the server it is still there (the server's timeout is 30 s of silence).</summary>
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(15);

    private readonly IPhone?[] _phones = new IPhone?[count];
    private Timer? _pings;
    private readonly HttpMessageInvoker[] _sources = [.. options.SourceAddresses.Select(a => Facilitator.From(a, options.TrustAnyCertificate))];
    private readonly long[] _lastViewAt = new long[count];
    private int _resultsEvents;
    private int _sessionEvents;

    public int First => first;

    public int Count => count;

    /// <summary>Results events and session views received by these phones so far.</summary>
    public (int Results, int Sessions) Traffic => (Volatile.Read(ref _resultsEvents), Volatile.Read(ref _sessionEvents));

    public static Uri ServerOf(LoadOptions options, int participant) => options.Urls[participant % options.Urls.Count];

    public async Task<JoinFigures> JoinAsync(string code, CancellationToken ct)
    {
        var connected = 0;
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        long last = 0;
        var perServer = new ConcurrentDictionary<string, int>();
        string? firstFailure = null;
        using var gate = new SemaphoreSlim(options.ConnectConcurrency);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var participant = first + i;
                var server = ServerOf(options, participant);
                var source = _sources.Length == 0 ? null : _sources[participant % _sources.Length];
                // Every message a phone receives while the room votes is counted (docs/benchmarks.md).
                IPhone phone = options.LongPolling
                    ? await LibraryPhone.ConnectAsync(options, server, name => Heard(i, name), ct)
                    : await LitePhone.ConnectAsync(server, source, options.TrustAnyCertificate, name => Heard(i, name), ct);
                try
                {
                    await phone.InvokeAsync(nameof(ISessionHub.Join), [code, null], ct);
                }
                catch
                {
                    await phone.DisposeAsync();
                    throw;
                }

                _phones[i] = phone;
                Interlocked.Increment(ref connected);
                perServer.AddOrUpdate(server.ToString(), 1, (_, n) => n + 1);
                InterlockedMax(ref last, Stopwatch.GetTimestamp());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, $"{ex.GetType().Name}: {ex.GetBaseException().Message}", null);
            }
            finally
            {
                gate.Release();
            }
        }));
        _pings ??= new Timer(_ => _ = PingAllAsync(), null, PingEvery, PingEvery);
        return new JoinFigures(connected, failed, started, Interlocked.Read(ref last), perServer.ToDictionary()) { FirstFailure = firstFailure };
    }

    private void Heard(int phone, string name)
    {
        if (name == nameof(ISessionClient.ResultsChanged))
        {
            Interlocked.Increment(ref _resultsEvents);
        }
        else if (name == nameof(ISessionClient.SessionChanged))
        {
            Interlocked.Increment(ref _sessionEvents);
            Volatile.Write(ref _lastViewAt[phone], Stopwatch.GetTimestamp());
        }
    }

    private async Task PingAllAsync()
    {
        foreach (var phone in _phones)
        {
            if (phone is not null)
            {
                try
                {
                    await phone.PingAsync(CancellationToken.None);
                }
                catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException)
                {
                    // A phone the server dropped: the run's audit says what it lost.
                }
            }
        }
    }

    /// <summary>Every phone of this fleet votes on the scenario as planned, the plan's moments counted from <paramref name="openedAt"/>.</summary>
    public async Task<List<VoteRecord>> VoteAsync(int order, Guid scenarioId, long openedAt, CancellationToken ct)
    {
        var votes = new ConcurrentBag<VoteRecord>();
        await Task.WhenAll(_phones.Select(async (phone, i) =>
        {
            if (phone is null)
            {
                return;
            }

            var participant = first + i;
            var plan = VotePlan.For(options, participant, order);
            await DelayUntilAsync(openedAt, plan.AtMs, ct);
            votes.Add(await VoteAsync(phone, participant, order, scenarioId, plan.First, isRetry: false, ct));
            if (plan.Retry)
            {
                votes.Add(await VoteAsync(phone, participant, order, scenarioId, plan.First, isRetry: true, ct));
            }

            if (plan.Change is { } change)
            {
                await DelayUntilAsync(openedAt, change.AtMs, ct);
                votes.Add(await VoteAsync(phone, participant, order, scenarioId, change.Choice, isRetry: false, ct));
            }
        }));
        return [.. votes.Select(v => v with { ShownAt = Volatile.Read(ref _lastViewAt[v.Participant - first]) })];
    }

    private static async Task<VoteRecord> VoteAsync(IPhone phone, int participant, int order, Guid scenarioId, int choice, bool isRetry, CancellationToken ct)
    {
        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            var receipt = await phone.InvokeAsync<VoteReceipt>(nameof(ISessionHub.Vote), [scenarioId, (Choice)choice], ct);
            return new VoteRecord(participant, order, scenarioId, choice, isRetry, sentAt, Stopwatch.GetTimestamp(), receipt.Sequence, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new VoteRecord(participant, order, scenarioId, choice, isRetry, sentAt, 0, 0, ex.Message);
        }
    }

    private int _disposed;

    private static async Task DelayUntilAsync(long start, double ms, CancellationToken ct)
    {
        var wait = ms - Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (wait > 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_pings is not null)
        {
            await _pings.DisposeAsync();
        }

        using var gate = new SemaphoreSlim(200);
        await Task.WhenAll(_phones.OfType<IPhone>().Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                await c.DisposeAsync();
            }
            catch (Exception)
            {
                // Closing is best effort: the server drops the connection anyway.
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var source in _sources)
        {
            source.Dispose();
        }
    }

    internal static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Interlocked.Read(ref target);
        }
    }
}

/// <summary>Where the run's phones live: in this process, or in worker processes of this tool.</summary>
public interface IFleet : IAsyncDisposable
{
    Task<JoinFigures> JoinAsync(string code, CancellationToken ct);

    Task<List<VoteRecord>> VoteAsync(int order, Guid scenarioId, long openedAt, CancellationToken ct);

    Task<(int Results, int Sessions)> TrafficAsync(CancellationToken ct);
}

/// <summary>The phones in this process.</summary>
public sealed class LocalFleet(LoadOptions options) : IFleet
{
    private readonly PhoneFleet _phones = new(options, 0, options.Participants);

    public Task<JoinFigures> JoinAsync(string code, CancellationToken ct) => _phones.JoinAsync(code, ct);

    public Task<List<VoteRecord>> VoteAsync(int order, Guid scenarioId, long openedAt, CancellationToken ct) => _phones.VoteAsync(order, scenarioId, openedAt, ct);

    public Task<(int Results, int Sessions)> TrafficAsync(CancellationToken ct) => Task.FromResult(_phones.Traffic);

    public ValueTask DisposeAsync() => _phones.DisposeAsync();
}
