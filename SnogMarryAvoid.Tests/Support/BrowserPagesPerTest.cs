using System.Reflection;
using Xunit.v3;

[assembly: SnogMarryAvoid.Tests.Support.BrowserPagesPerTest]

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// Every browser test starts with the shared Chromium empty and leaves it so: after the test, every context it
/// opened (its projector, console and phones) is closed, while its server is still up. Pages left open used to
/// stay for the rest of the run, reconnecting to servers long gone, and each test's server stopped with its pages
/// still connected: the ten projector-fit tests took 100 s, and 43 s with their pages closed first; a "not found"
/// page took 22 s late in a CI run and 4 s alone. A test that starts with a page already open fails, naming it.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class BrowserPagesPerTestAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (BrowserFixture.Shared is { } browser && InTheBrowserCollection(test) && browser.Browser.Contexts.Count > 0)
        {
            var pages = browser.Browser.Contexts.SelectMany(c => c.Pages).Select(p => p.Url);
            throw new InvalidOperationException($"{test.TestDisplayName} starts with {browser.Browser.Contexts.Count} browser contexts already open ({string.Join(", ", pages)}): an earlier test left them, or they were opened outside a test.");
        }
    }

    // xunit (4.0) calls this synchronously: the closing runs on the thread pool, away from the runner's
    // synchronization context, and the runner's thread waits for it.
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (BrowserFixture.Shared is { } browser && InTheBrowserCollection(test))
        {
            Task.Run(browser.CloseEveryContextAsync).GetAwaiter().GetResult();
        }
    }

    private static bool InTheBrowserCollection(IXunitTest test) => test.TestCase.TestCollection.CollectionDefinition == typeof(BrowserCollection);
}
