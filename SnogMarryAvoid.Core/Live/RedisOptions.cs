using SnogMarryAvoid.Core.Settings;
using StackExchange.Redis;

namespace SnogMarryAvoid.Core.Live;

/// <summary>Redis, for scale-out: unset, live events stay in this process.</summary>
public sealed class RedisOptions : ISettings
{
    public static string Section => "";

    [SettingKey("ConnectionStrings:Redis")]
    [SettingForm("a StackExchange.Redis configuration, like 127.0.0.1:6379,password=…")]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// What this deployment's Redis channel starts with (the channel is <see cref="Channel"/>). Two
    /// deployments on one Redis must use different prefixes, or each would receive the other's session
    /// titles and spotlighted reasons.
    /// </summary>
    [SettingKey("Redis:ChannelPrefix")]
    [SettingForm("letters, digits and : . _ -, at most 100 characters")]
    public string ChannelPrefix { get; set; } = "snogmarryavoid";

    /// <summary>The pub/sub channel this deployment's servers share.</summary>
    public string Channel => $"{ChannelPrefix}:events";

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<string> Problems()
    {
        if (ChannelPrefix.Length is 0 or > 100 || !ChannelPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '.' or '_' or '-'))
        {
            yield return "Redis:ChannelPrefix is not usable: expected letters, digits and : . _ -, at most 100 characters.";
        }

        if (!Enabled)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            if (ConfigurationOptions.Parse(ConnectionString!).EndPoints.Count == 0)
            {
                problem = "it names no server";
            }
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return $"ConnectionStrings:Redis is not usable: expected a StackExchange.Redis configuration, like 127.0.0.1:6379,password=… ({problem}).";
        }
    }
}
