using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.LoadTest;

/// <summary>
/// One run: sign in, create a session through the hub, connect the participants and the projectors,
/// vote on each scenario in a burst, then audit every acknowledged vote against the server's export.
/// </summary>
public sealed class LoadRun(LoadOptions options, TextWriter output)
{
    private readonly CookieContainer _cookies = new();
    private readonly ConcurrentBag<VoteRecord> _votes = [];
    private readonly ConcurrentQueue<Seen> _seen = new();
    private readonly List<HubConnection> _participants = [];
    private readonly List<HubConnection> _projectors = [];
    private int _connected;
    private int _connectFailed;
    private int _sent;
    private int _acknowledged;
    private int _refused;
    private long _highestSeen;
    private int _phoneResultsEvents;
    private int _phoneSessionEvents;
    private readonly List<PhoneTraffic> _traffic = [];
    private string _phase = "starting";

    /// <summary>A vote as sent: when, which, and the server's answer.</summary>
    private sealed record VoteRecord(int Participant, int ScenarioOrder, Guid ScenarioId, int Choice, bool IsRetry, long SentAt, long AckedAt, long Sequence, string? Error);

    /// <summary>A results event as a projector received it.</summary>
    private readonly record struct Seen(int Projector, Guid ScenarioId, long Sequence, long At, ScenarioResults Results);

    public async Task<LoadReport> RunAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds));
        var ct = stop.Token;
        var started = Stopwatch.GetTimestamp();
        var server = options.ServerPid is { } pid ? new ServerSampler(pid) : null;
        using var progress = options.Quiet ? null : new Timer(_ => PrintProgress(started), null, 1000, 1000);
        var stoppedEarly = false;
        RoomView? session = null;
        var scenarioIds = new Dictionary<int, Guid>();
        HubConnection? facilitator = null;
        try
        {
            server?.Start();
            _phase = "signing in";
            await Facilitator.SignInAsync(options, _cookies, ct);
            facilitator = Connection(withCookies: true);
            await facilitator.StartAsync(ct);
            session = await facilitator.InvokeAsync<RoomView>(nameof(ISessionHub.CreateSession), $"Load test {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}", true, ct);
            if (options.ResultsLive)
            {
                await facilitator.InvokeAsync<RoomView>(nameof(ISessionHub.SetResultsLive), session.SessionId, true, ct);
            }

            _phase = "connecting";
            await ConnectProjectorsAsync(session.SessionId, ct);
            await ConnectParticipantsAsync(session.JoinCode, ct);

            var random = new Random(options.Seed);
            for (var order = 1; order <= options.Scenarios; order++)
            {
                _phase = $"scenario {order}: voting";
                var opened = await Facilitator.StepToNextOpenAsync(facilitator, session.SessionId, ct);
                scenarioIds[order] = opened.Id;
                var (resultsBefore, sessionBefore) = (Volatile.Read(ref _phoneResultsEvents), Volatile.Read(ref _phoneSessionEvents));
                await BurstAsync(opened.Id, order, random, ct);
                _phase = $"scenario {order}: waiting for the projectors";
                await WaitForProjectorsAsync(opened.Id, order, ct);

                // A moment for the last events to reach the phones too, then what they received while the room voted.
                await Task.Delay(500, ct);
                _traffic.Add(new PhoneTraffic(order, _participants.Count, _votes.Count(v => v.ScenarioOrder == order && v.Error is null && !v.IsRetry),
                    Volatile.Read(ref _phoneResultsEvents) - resultsBefore, Volatile.Read(ref _phoneSessionEvents) - sessionBefore));
                await facilitator.InvokeAsync<RoomView>(nameof(ISessionHub.Close), session.SessionId, opened.Id, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stoppedEarly = true;
            output.WriteLine();
            output.WriteLine($"Stopped at --max-seconds {options.MaxSeconds} while {_phase}; reporting what was done.");
        }
        finally
        {
            progress?.Dispose();
            server?.Stop();
        }

        _phase = "auditing";
        var audit = session is null ? null : await AuditAsync(facilitator, session, scenarioIds);
        await DisconnectAllAsync(facilitator);
        return Report(audit, server, Stopwatch.GetElapsedTime(started), stoppedEarly, session);
    }

    private HubConnection Connection(bool withCookies) => Facilitator.Connection(options, withCookies ? _cookies : null);

    private async Task ConnectProjectorsAsync(Guid sessionId, CancellationToken ct)
    {
        for (var p = 0; p < options.Projectors; p++)
        {
            var projector = Connection(withCookies: true);
            var index = p;
            projector.On<ScenarioResults, long>(nameof(ISessionClient.ResultsChanged), (results, sequence) =>
            {
                _seen.Enqueue(new Seen(index, results.ScenarioId, sequence, Stopwatch.GetTimestamp(), results));
                InterlockedMax(ref _highestSeen, sequence);
            });
            await projector.StartAsync(ct);
            await projector.InvokeAsync<WatchReply>(nameof(ISessionHub.Watch), sessionId, ct);
            _projectors.Add(projector);
        }
    }

    private async Task ConnectParticipantsAsync(string code, CancellationToken ct)
    {
        var slots = new HubConnection?[options.Participants];
        using var gate = new SemaphoreSlim(options.ConnectConcurrency);
        await Task.WhenAll(Enumerable.Range(0, options.Participants).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var phone = Connection(withCookies: false);
                // Every message a phone receives while the room votes is counted (docs/benchmarks.md).
                phone.On<JsonElement, long>(nameof(ISessionClient.ResultsChanged), (_, _) => Interlocked.Increment(ref _phoneResultsEvents));
                phone.On<JsonElement>(nameof(ISessionClient.SessionChanged), _ => Interlocked.Increment(ref _phoneSessionEvents));
                await phone.StartAsync(ct);
                await phone.InvokeAsync<JoinReply>(nameof(ISessionHub.Join), code, null, ct);
                slots[i] = phone;
                Interlocked.Increment(ref _connected);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _connectFailed);
            }
            finally
            {
                gate.Release();
            }
        }));
        _participants.AddRange(slots.Where(s => s is not null)!);
    }

    private async Task BurstAsync(Guid scenarioId, int order, Random random, CancellationToken ct)
    {
        var burstMs = options.BurstSeconds * 1000;
        var plans = _participants.Select((phone, i) =>
        {
            var first = random.Next(1, 4);
            var at = random.NextDouble() * burstMs;
            var change = random.NextDouble() < options.ChangeShare ? (Choice: (first % 3) + 1, At: at + (random.NextDouble() * (burstMs - at))) : ((int Choice, double At)?)null;
            var retry = random.NextDouble() < options.RetryShare;
            return (Phone: phone, Index: i, First: first, At: at, Change: change, Retry: retry);
        }).ToList();

        var opened = Stopwatch.GetTimestamp();
        await Task.WhenAll(plans.Select(async plan =>
        {
            await DelayUntilAsync(opened, plan.At, ct);
            await VoteAsync(plan.Phone, plan.Index, order, scenarioId, plan.First, isRetry: false, ct);
            if (plan.Retry)
            {
                await VoteAsync(plan.Phone, plan.Index, order, scenarioId, plan.First, isRetry: true, ct);
            }

            if (plan.Change is { } change)
            {
                await DelayUntilAsync(opened, change.At, ct);
                await VoteAsync(plan.Phone, plan.Index, order, scenarioId, change.Choice, isRetry: false, ct);
            }
        }));
    }

    private static async Task DelayUntilAsync(long start, double ms, CancellationToken ct)
    {
        var wait = ms - Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (wait > 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), ct);
        }
    }

    private async Task VoteAsync(HubConnection phone, int participant, int order, Guid scenarioId, int choice, bool isRetry, CancellationToken ct)
    {
        var sentAt = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _sent);
        try
        {
            var receipt = await phone.InvokeAsync<VoteReceipt>(nameof(ISessionHub.Vote), scenarioId, (Choice)choice, ct);
            Interlocked.Increment(ref _acknowledged);
            _votes.Add(new VoteRecord(participant, order, scenarioId, choice, isRetry, sentAt, Stopwatch.GetTimestamp(), receipt.Sequence, null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _refused);
            _votes.Add(new VoteRecord(participant, order, scenarioId, choice, isRetry, sentAt, 0, 0, ex.Message));
        }
    }

    private async Task WaitForProjectorsAsync(Guid scenarioId, int order, CancellationToken ct)
    {
        var last = _votes.Where(v => v.ScenarioOrder == order && v.Error is null).Select(v => v.Sequence).DefaultIfEmpty(0).Max();
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 30);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var everyProjectorSawIt = Enumerable.Range(0, _projectors.Count)
                .All(p => _seen.Any(s => s.Projector == p && s.ScenarioId == scenarioId && s.Sequence >= last));
            if (last == 0 || everyProjectorSawIt)
            {
                return;
            }

            await Task.Delay(50, ct);
        }
    }

    private async Task<Audit> AuditAsync(HubConnection? facilitator, RoomView session, Dictionary<int, Guid> scenarioIds)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies }) { BaseAddress = options.Url };
        var export = SessionExport.ReadJson(await http.GetStringAsync($"/reports/{session.SessionId}/session.json"));
        if (facilitator is { State: HubConnectionState.Connected })
        {
            await facilitator.InvokeAsync<RoomView>(nameof(ISessionHub.End), session.SessionId);
        }

        var acknowledged = _votes.Where(v => v.Error is null).ToList();
        var expected = acknowledged
            .GroupBy(v => (v.Participant, v.ScenarioOrder))
            .Select(g => g.MaxBy(v => v.Sequence)!)
            .ToList();
        var stored = export.Votes;
        var storedSequences = stored.Select(v => v.Sequence).ToHashSet();
        var lost = expected.Count(v => !storedSequences.Contains(v.Sequence));
        var duplicates = Math.Max(0, stored.Count - expected.Count) + (stored.Count - storedSequences.Count);
        var retriesKeptTheirSequence = acknowledged.Where(v => v.IsRetry)
            .All(r => acknowledged.Any(v => !v.IsRetry && v.Participant == r.Participant && v.ScenarioOrder == r.ScenarioOrder && v.Sequence == r.Sequence));

        var tallies = new List<TallyCheck>();
        foreach (var (order, id) in scenarioIds)
        {
            var mine = expected.Where(v => v.ScenarioOrder == order).ToList();
            var fromAcks = new ScenarioResults(id, mine.Count(v => v.Choice == 1), mine.Count(v => v.Choice == 2), mine.Count(v => v.Choice == 3));
            var fromDatabase = export.Scenarios.Single(s => s.Scenario.Order == order).Results;
            var projected = _seen.Where(s => s.ScenarioId == id).OrderBy(s => s.Sequence).ThenBy(s => s.At).Select(s => s.Results).LastOrDefault();
            tallies.Add(new TallyCheck(order, fromAcks, fromDatabase, projected));
        }

        return new Audit(acknowledged.Count, expected.Count, stored.Count, lost, duplicates, retriesKeptTheirSequence, tallies);
    }

    private async Task DisconnectAllAsync(HubConnection? facilitator)
    {
        using var gate = new SemaphoreSlim(200);
        await Task.WhenAll(_participants.Concat(_projectors).Append(facilitator).OfType<HubConnection>().Select(async c =>
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
    }

    private LoadReport Report(Audit? audit, ServerSampler? server, TimeSpan elapsed, bool stoppedEarly, RoomView? session)
    {
        // Vote → projector: from sending a vote to the first results event, on each projector, that
        // includes it (the first whose sequence is at least the vote's). Each projector's events of a
        // scenario, in arrival order, with the highest sequence so far, make that a binary search.
        var timelines = _seen.GroupBy(s => (s.Projector, s.ScenarioId)).ToDictionary(g => g.Key, g =>
        {
            var ordered = g.OrderBy(s => s.At).ToList();
            var highest = new long[ordered.Count];
            for (var i = 0; i < ordered.Count; i++)
            {
                highest[i] = Math.Max(ordered[i].Sequence, i > 0 ? highest[i - 1] : long.MinValue);
            }

            return (Highest: highest, At: ordered.Select(s => s.At).ToArray());
        });
        var latencies = new List<double>();
        foreach (var vote in _votes.Where(v => v.Error is null && !v.IsRetry))
        {
            for (var p = 0; p < _projectors.Count; p++)
            {
                if (timelines.TryGetValue((p, vote.ScenarioId), out var timeline) && FirstAtLeast(timeline.Highest, vote.Sequence) is { } index)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(vote.SentAt, timeline.At[index]).TotalMilliseconds);
                }
            }
        }

        return new LoadReport(
            options, session?.SessionId, elapsed.TotalSeconds, stoppedEarly, _connected, _connectFailed, _sent, _acknowledged, _refused,
            _votes.Where(v => v.Error is not null).GroupBy(v => v.Error!).ToDictionary(g => g.Key, g => g.Count()),
            Percentiles.Of(latencies), Percentiles.Of(_votes.Where(v => v.Error is null).Select(v => Stopwatch.GetElapsedTime(v.SentAt, v.AckedAt).TotalMilliseconds).ToList()),
            audit, server?.PeakRssBytes, server?.CpuSeconds, Environment.ProcessorCount, MachineInfo.Describe(), _traffic);
    }

    private static int? FirstAtLeast(long[] ascending, long value)
    {
        var index = Array.BinarySearch(ascending, value);
        if (index < 0)
        {
            index = ~index;
        }
        else
        {
            while (index > 0 && ascending[index - 1] == value)
            {
                index--;
            }
        }

        return index < ascending.Length ? index : null;
    }

    private void PrintProgress(long started) => output.Write(
        $"\r{Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0}s  {_phase,-34} connected {_connected}/{options.Participants} (failed {_connectFailed})  votes sent {_sent}, acknowledged {_acknowledged}, refused {_refused}  projector at #{Interlocked.Read(ref _highestSeen)}   ");

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Interlocked.Read(ref target);
        }
    }
}
