using System.Text.RegularExpressions;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Tests.Support;
using StackExchange.Redis;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>The managed-Redis example of docs/deploy.md (TLS and a password) is a configuration the app takes as it says.</summary>
public sealed class RedisSettingsTests
{
    [Fact]
    public void TheDocumentedTlsAndPasswordExample_IsAccepted_AndMeansTlsWithThePassword()
    {
        var deploy = File.ReadAllText(Path.Combine(Repo.Root, "docs", "deploy.md"));
        var example = Regex.Match(deploy, @"ConnectionStrings__Redis='([^']*ssl=true[^']*)'").Groups[1].Value.Replace("…", "a-managed-redis-key", StringComparison.Ordinal);

        var options = new RedisOptions { ConnectionString = example };
        var parsed = ConfigurationOptions.Parse(example);

        example.Should().NotBeEmpty("docs/deploy.md gives a TLS example");
        options.Problems().Should().BeEmpty();
        parsed.Ssl.Should().BeTrue();
        parsed.Password.Should().Be("a-managed-redis-key");
        parsed.AbortOnConnectFail.Should().BeFalse("the app starts while Redis is away, and catches up when it returns");
        parsed.EndPoints.Should().ContainSingle().Which.ToString().Should().EndWith(":6380");
    }
}
