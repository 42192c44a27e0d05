using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// Rehearses the vote path once the database is migrated (<see cref="VoteBatcher.RehearseAsync"/>),
/// in the background, so the room's first votes are as quick as the rest. A failure only costs that
/// speed: it is logged and the app carries on.
/// </summary>
public sealed class VotePathWarmUp(VoteBatcher batcher, ILogger<VotePathWarmUp> logger) : BackgroundService
{
    /// <summary>Whether the rehearsal ran to the end.</summary>
    public bool Rehearsed { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await batcher.RehearseAsync(stoppingToken);
            Rehearsed = true;
            logger.LogInformation("Vote path rehearsed in {Milliseconds:0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Rehearsing the vote path failed; the first votes after this start may be slower");
        }
    }
}
