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
    /// The pub/sub channel this deployment's servers share. Two deployments on one Redis must use
    /// different channels, or each would receive the other's session titles and spotlighted reasons.
    /// </summary>
    [SettingKey("Redis:Channel")]
    [SettingForm("a channel name of letters, digits and : . _ -, at most 100 characters")]
    public string Channel { get; set; } = "snogmarryavoid:events";

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<string> Problems()
    {
        if (Channel.Length is 0 or > 100 || !Channel.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '.' or '_' or '-'))
        {
            yield return "Redis:Channel is not usable: expected a channel name of letters, digits and : . _ -, at most 100 characters.";
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
