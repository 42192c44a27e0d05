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

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<string> Problems()
    {
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
