using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SnogMarryAvoid.Core.Persistence;

/// <summary>
/// A single writer that stores what queues for it in batches, a background service of the host: one loop takes
/// whatever has queued (up to <see cref="MaxBatch"/>) and stores it in one transaction (<see cref="StoreAsync"/>),
/// so a burst costs a handful of commits instead of one an item; while one batch commits the next gathers. If a
/// batch fails as a whole, its items are stored one by one, so one bad item cannot sink the others. When the host
/// stops, the items already queued are still stored. Each item carries its caller's answer (<see cref="IPending"/>).
/// </summary>
public abstract class BatchWriter<TPending>(ILogger logger) : BackgroundService
    where TPending : BatchWriter<TPending>.IPending
{
    public const int MaxBatch = 500;

    private readonly Channel<TPending> _queue = Channel.CreateUnbounded<TPending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>An item waiting for its batch: it is answered with its outcome, or fails with <see cref="Fail"/>.</summary>
    public interface IPending
    {
        void Fail(Exception reason);
    }

    /// <summary>What the items are called in messages ("votes", "joins").</summary>
    protected abstract string What { get; }

    /// <summary>Stores one batch in one transaction and answers each of its items.</summary>
    protected abstract Task StoreAsync(IReadOnlyList<TPending> batch);

    /// <summary>Queues an item; it is answered once the commit that holds it is done.</summary>
    protected void Enqueue(TPending pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException($"The writer of {What} has stopped.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TPending>(MaxBatch);

        // Not stoppingToken: the loop ends when the queue is closed and drained (StopAsync), so nothing queued is dropped.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await StoreAsync(batch);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A batch of {Count} {What} failed as a whole; storing them one by one", batch.Count, What);
                foreach (var single in batch)
                {
                    try
                    {
                        await StoreAsync([single]);
                    }
                    catch (Exception one)
                    {
                        single.Fail(one);
                    }
                }
            }

            batch.Clear();
        }
    }

    /// <summary>Stops taking items; the ones already queued are stored before the service stops.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _queue.Writer.TryComplete();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
