using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
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
public sealed class LoadRun(LoadOptions options, TextWriter output, string[]? arguments = null)
{
    /// <summary>How many 2 s readings of the servers' idle CPU a calm run takes before its first scenario.</summary>
    private const int IdleReadings = 5;

    private readonly CookieContainer _cookies = new();
    private readonly ConcurrentBag<VoteRecord> _votes = [];
    private readonly ConcurrentQueue<Seen> _seen = new();
    private readonly List<HubConnection> _projectors = [];
    private readonly List<PhoneTraffic> _traffic = [];
    private readonly List<ScenarioCost> _costs = [];
    private readonly List<CpuSpent> _idleReadings = [];

    // When the facilitator's first "next" of each scenario's opening was sent (Stopwatch timestamps, by order).
    private readonly Dictionary<int, long> _openingStartedAt = [];
    private JoinFigures? _joins;
    private long _highestSeen;
    private string _phase = "starting";

    /// <summary>A results event as a projector received it.</summary>
    private readonly record struct Seen(int Projector, Guid ScenarioId, long Sequence, long At, ScenarioResults Results);

    public async Task<LoadReport> RunAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds));
        var ct = stop.Token;
        var started = Stopwatch.GetTimestamp();
        var servers = options.ServerPids.Select(pid => new ServerSampler(pid)).ToList();
        using var progress = options.Quiet ? null : new Timer(_ => PrintProgress(started), null, 1000, 1000);
        var stoppedEarly = false;
        RoomView? session = null;
        var scenarioIds = new Dictionary<int, Guid>();
        HubConnection? facilitator = null;
        StaffPages? pages = null;
        var rssBefore = new long?[servers.Count];
        var rssJoined = new long?[servers.Count];
        double? idleCpuPerSecond = null;
        await using IFleet fleet = options.Processes > 1
            ? WorkerFleet.Start(options, arguments ?? throw new InvalidOperationException("--processes needs the command line to start the workers with."))
            : new LocalFleet(options);
        try
        {
            servers.ForEach(s => s.Start());
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
            if (options.StaffPages)
            {
                _phase = "opening the console and projector";
                pages = await StaffPages.OpenAsync(options, _cookies, session.SessionId, ct);
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Min(options.SettleSeconds, 2)), ct);
            for (var i = 0; i < servers.Count; i++)
            {
                rssBefore[i] = servers[i].RssNow();
            }

            _phase = "joining";
            _joins = await fleet.JoinAsync(session.JoinCode, ct);

            // The phones idle a moment (past their joins' garbage), then what each server holds for them.
            _phase = "settling";
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), ct);
            for (var i = 0; i < servers.Count; i++)
            {
                rssJoined[i] = servers[i].RssNow();
            }

            // At a calm pace each scenario is measured in three windows: its change (the previous one's reveal, this
            // one shown and opened, then a second for the pages to settle), its votes, and its close (with a second to
            // settle). A burst measures the same windows without the pauses.
            var calm = options.CalmIntervalMs is not null && servers.Count > 0;
            var settle = calm ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;
            double Cpu() => servers.Sum(s => s.ExactCpuNow() ?? s.CpuNow());
            if (calm)
            {
                // What the servers spend doing nothing with everything open (timers, keep-alives, the pages' circuits):
                // the median of five readings of 2 s.
                _phase = "measuring idle CPU";
                for (var reading = 0; reading < IdleReadings; reading++)
                {
                    var idle = Window.Start(Cpu);
                    await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    _idleReadings.Add(idle.End(Cpu));
                }

                idleCpuPerSecond = CpuSpent.MedianRate(_idleReadings);
            }

            for (var order = 1; order <= options.Scenarios; order++)
            {
                _phase = $"scenario {order}: opening";
                var opening = Window.Start(Cpu);
                _openingStartedAt[order] = Stopwatch.GetTimestamp();
                var opened = await Facilitator.StepToNextOpenAsync(facilitator, session.SessionId, ct);
                scenarioIds[order] = opened.Id;
                await Task.Delay(settle, ct);
                var openCost = opening.End(Cpu);

                _phase = $"scenario {order}: voting";
                var voting = Window.Start(Cpu);
                var (resultsBefore, sessionBefore) = await fleet.TrafficAsync(ct);
                var votes = await fleet.VoteAsync(order, opened.Id, Stopwatch.GetTimestamp(), ct);
                votes.ForEach(_votes.Add);
                _phase = $"scenario {order}: waiting for the projectors";
                await WaitForProjectorsAsync(opened.Id, order, ct);
                var voteCost = voting.End(Cpu);

                // A moment for the last events to reach the phones too, then what they received while the room voted.
                await Task.Delay(500, ct);
                var counted = votes.Count(v => v.Error is null && !v.IsRetry);
                var (resultsAfter, sessionAfter) = await fleet.TrafficAsync(ct);
                _traffic.Add(new PhoneTraffic(order, _joins.Connected, counted, resultsAfter - resultsBefore, sessionAfter - sessionBefore));

                _phase = $"scenario {order}: closing";
                var closing = Window.Start(Cpu);
                await facilitator.InvokeAsync<RoomView>(nameof(ISessionHub.Close), session.SessionId, opened.Id, ct);
                await Task.Delay(settle, ct);
                var closeCost = closing.End(Cpu);
                if (servers.Count > 0)
                {
                    _costs.Add(ScenarioCost.Of(order, counted, openCost, voteCost, closeCost, idleCpuPerSecond));
                }
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
            servers.ForEach(s => s.Stop());
            if (pages is not null)
            {
                await pages.DisposeAsync();
            }
        }

        _phase = "auditing";
        var audit = session is null ? null : await AuditAsync(facilitator, session, scenarioIds);
        await DisconnectAllAsync(facilitator);
        var rssAfterLeave = new long?[servers.Count];
        if (options.AfterLeaveSeconds > 0 && servers.Count > 0)
        {
            // Every phone leaves, as when a room empties; the servers are left alone a while, then read again.
            _phase = "after the phones left";
            await fleet.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(options.AfterLeaveSeconds));
            for (var i = 0; i < servers.Count; i++)
            {
                rssAfterLeave[i] = servers[i].RssNow();
            }
        }

        var serverFigures = servers.Select((s, i) => new ServerFigures(s.Pid, s.PeakRssBytes, rssBefore[i], rssJoined[i], s.CpuSeconds) { RssAfterLeaveBytes = rssAfterLeave[i] }).ToList();
        return Report(audit, serverFigures, Stopwatch.GetElapsedTime(started), stoppedEarly, session, idleCpuPerSecond);
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
                PhoneFleet.InterlockedMax(ref _highestSeen, sequence);
            });
            await projector.StartAsync(ct);
            await projector.InvokeAsync<WatchReply>(nameof(ISessionHub.Watch), sessionId, ct);
            _projectors.Add(projector);
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
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies }) { BaseAddress = options.StaffUrl };
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
        foreach (var connection in _projectors.Append(facilitator).OfType<HubConnection>())
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception)
            {
                // Closing is best effort: the server drops the connection anyway.
            }
        }
    }

    private LoadReport Report(Audit? audit, IReadOnlyList<ServerFigures> servers, TimeSpan elapsed, bool stoppedEarly, RoomView? session, double? idleCpuPerSecond)
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
        // The same, for the votes sent once the phone had been shown the scenario, as a real phone votes.
        var shownLatencies = new List<double>();
        foreach (var vote in _votes.Where(v => v.Error is null && !v.IsRetry))
        {
            for (var p = 0; p < _projectors.Count; p++)
            {
                if (timelines.TryGetValue((p, vote.ScenarioId), out var timeline) && FirstAtLeast(timeline.Highest, vote.Sequence) is { } index)
                {
                    var latency = Stopwatch.GetElapsedTime(vote.SentAt, timeline.At[index]).TotalMilliseconds;
                    latencies.Add(latency);
                    if (vote.ShownAt > 0 && vote.SentAt >= vote.ShownAt)
                    {
                        shownLatencies.Add(latency);
                    }
                }
            }
        }

        // Opening → phone: from the facilitator's first "next" of the opening to each phone being shown the open
        // scenario, once a phone and scenario (from its first vote's record).
        var reach = _votes.Where(v => !v.IsRetry && v.ShownAt > 0 && _openingStartedAt.ContainsKey(v.ScenarioOrder))
            .GroupBy(v => (v.Participant, v.ScenarioOrder))
            .Select(g => g.First())
            .Select(v => Stopwatch.GetElapsedTime(_openingStartedAt[v.ScenarioOrder], v.ShownAt).TotalMilliseconds)
            .ToList();

        var joins = _joins ?? new JoinFigures(0, 0, 0, 0, new Dictionary<string, int>());
        var joinSeconds = joins.LastJoinedAt > joins.FirstStartedAt ? Stopwatch.GetElapsedTime(joins.FirstStartedAt, joins.LastJoinedAt).TotalSeconds : 0;
        var refused = _votes.Count(v => v.Error is not null);
        return new LoadReport(
            options, session?.SessionId, elapsed.TotalSeconds, stoppedEarly, joins.Connected, joins.Failed, _votes.Count, _votes.Count - refused, refused,
            _votes.Where(v => v.Error is not null).GroupBy(v => v.Error!).ToDictionary(g => g.Key, g => g.Count()),
            Percentiles.Of(latencies), Percentiles.Of(_votes.Where(v => v.Error is null).Select(v => Stopwatch.GetElapsedTime(v.SentAt, v.AckedAt).TotalMilliseconds).ToList()),
            audit, servers.Count == 0 ? null : servers.Sum(s => s.PeakRssBytes), servers.Count == 0 ? null : servers.Sum(s => s.CpuSeconds),
            Environment.ProcessorCount, MachineInfo.Describe(), _traffic)
        {
            JoinSeconds = joinSeconds,
            FirstJoinFailure = joins.FirstFailure,
            PhonesPerServer = joins.PhonesPerServer,
            Servers = servers,
            IdleCpuPerSecond = idleCpuPerSecond,
            IdleReadings = [.. _idleReadings.Select(r => r.PerSecond)],
            Costs = _costs,
            OpeningToPhoneMs = Percentiles.Of(reach),
            VotesBeforeShown = _votes.Count(v => v.ShownAt > 0 && v.SentAt < v.ShownAt),
            ShownVoteToProjectorMs = Percentiles.Of(shownLatencies),
        };
    }

    /// <summary>The servers' CPU time and the wall time at the start of a window.</summary>
    private readonly record struct Window(double Cpu, long At)
    {
        public static Window Start(Func<double> cpu) => new(cpu(), Stopwatch.GetTimestamp());

        public CpuSpent End(Func<double> cpu) => new(cpu() - Cpu, Stopwatch.GetElapsedTime(At).TotalSeconds);
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
        $"\r{Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0}s  {_phase,-34} joined {_joins?.Connected.ToString(CultureInfo.InvariantCulture) ?? "…"}/{options.Participants}  votes {_votes.Count}  projector at #{Interlocked.Read(ref _highestSeen)}   ");
}
