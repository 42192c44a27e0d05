namespace SnogMarryAvoid.Tests.Support;

/// <summary>A test class over Core's real services and a fresh SQLite database per test.</summary>
public abstract class CoreTest : IAsyncLifetime
{
    protected TestCore Core { get; private set; } = default!;

    public async ValueTask InitializeAsync() => Core = await TestCore.CreateSqliteAsync();

    public async ValueTask DisposeAsync()
    {
        await Core.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
