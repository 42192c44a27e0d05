using System.Collections.Concurrent;

namespace SnogMarryAvoid.Core.Limits;

/// <summary>
/// One token bucket per key: a burst of <c>burst</c> takes, then <c>perSecond</c> a second. Buckets that
/// have refilled and sat idle for a minute are swept now and then, so keys that come and go (hub
/// connections, participants) do not pile up. Nothing runs between takes: a bucket is refilled by
/// arithmetic on the clock when it is next asked, never by a timer, so an idle server spends nothing on it.
/// </summary>
public sealed class TokenBuckets<TKey>(double burst, double perSecond, TimeProvider clock) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Bucket> _buckets = new();
    private int _takesSinceSweep;

    public double Burst { get; } = Math.Max(1, burst);

    public double PerSecond { get; } = Math.Max(0.01, perSecond);

    /// <summary>Takes one token for <paramref name="key"/>; false when its bucket is empty.</summary>
    public bool TryTake(TKey key)
    {
        if (Interlocked.Increment(ref _takesSinceSweep) >= 10_000)
        {
            Sweep();
        }

        var now = clock.GetTimestamp();
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(Burst, now));
        lock (bucket)
        {
            bucket.Tokens = Math.Min(Burst, bucket.Tokens + (clock.GetElapsedTime(bucket.Stamp, now).TotalSeconds * PerSecond));
            bucket.Stamp = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    /// <summary>Whether <paramref name="key"/> has a token now, without taking it (a key never seen has a full bucket).</summary>
    public bool HasToken(TKey key)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            return true;
        }

        lock (bucket)
        {
            return bucket.Tokens + (clock.GetElapsedTime(bucket.Stamp).TotalSeconds * PerSecond) >= 1;
        }
    }

    /// <summary>Forgets a key (its connection closed).</summary>
    public void Forget(TKey key) => _buckets.TryRemove(key, out _);

    private void Sweep()
    {
        Interlocked.Exchange(ref _takesSinceSweep, 0);
        var now = clock.GetTimestamp();
        foreach (var (key, bucket) in _buckets)
        {
            if (clock.GetElapsedTime(bucket.Stamp, now) > TimeSpan.FromMinutes(1))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
    }
}
