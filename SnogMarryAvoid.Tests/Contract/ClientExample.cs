using Microsoft.AspNetCore.SignalR.Client;

namespace SnogMarryAvoid.Tests.Contract;

/// <summary>
/// The C# client example of docs/realtime-api.md, compiled and run by the tests: the text between the
/// two markers must appear in the document exactly (a test checks it), so the document cannot drift.
/// It uses only its own types, as a client outside this solution would.
/// </summary>
public static class ClientExample
{
    // example:start
    public sealed record Scenario(Guid Id, int Order, string PublicBody, string Counterpart, int State);
    public sealed record Snapshot(Guid SessionId, string Title, int Phase, Scenario? Current, int Revision);
    public sealed record JoinReply(string ParticipantToken, Guid SessionId, Snapshot Snapshot);
    public sealed record VoteReceipt(Guid ScenarioId, int Choice, string? Reason, long Sequence);
    public sealed record Results(Guid ScenarioId, int Snog, int Marry, int Avoid);

    /// <summary>
    /// Joins by code, asks for the room's tallies, votes "marry" on the open scenario and waits until
    /// the tally includes it.
    /// </summary>
    public static async Task<Results> VoteMarryAsync(string baseUrl, string code, CancellationToken ct)
    {
        var counted = new TaskCompletionSource<Results>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new object();
        (Results? Tally, long Sequence) newest = (null, -1);
        long mine = long.MaxValue;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), "/hubs/session"))
            .WithAutomaticReconnect()
            .Build();
        connection.On<Results, long>("ResultsChanged", (results, lastSequence) =>
        {
            lock (gate)
            {
                if (lastSequence > newest.Sequence)
                {
                    newest = (results, lastSequence);
                }

                if (lastSequence >= mine)
                {
                    counted.TrySetResult(results); // this tally includes my vote
                }
            }
        });
        await connection.StartAsync(ct);

        var joined = await connection.InvokeAsync<JoinReply>("Join", code, null, ct);
        await connection.InvokeAsync("FollowResults", ct); // tallies come only to clients that ask
        var scenario = joined.Snapshot.Current ?? throw new InvalidOperationException("Nothing to vote on yet.");
        var receipt = await connection.InvokeAsync<VoteReceipt>("Vote", scenario.Id, 2 /* marry */, ct);
        lock (gate)
        {
            // The event may have overtaken the acknowledgement.
            mine = receipt.Sequence;
            if (newest is { Tally: { } tally } && newest.Sequence >= mine)
            {
                counted.TrySetResult(tally);
            }
        }

        return await counted.Task.WaitAsync(ct);
    }
    // example:end
}
