using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Core.Accounts;

/// <summary>The <c>Bootstrap</c> section: the first organiser, made at start-up while no account exists.</summary>
public sealed class BootstrapOptions : ISettings
{
    /// <summary>The shortest password accepted for any account (length over composition rules, as NIST SP 800-63B advises).</summary>
    public const int MinPasswordLength = 10;

    public static string Section => "Bootstrap";

    [SettingForm("an e-mail address, like name@example.org")]
    public string? OrganiserEmail { get; set; }

    [SettingForm("a password of at least 10 characters")]
    public string? OrganiserPassword { get; set; }

    public IEnumerable<string> Problems()
    {
        var email = Settings.Settings.Key<BootstrapOptions>(nameof(OrganiserEmail));
        var password = Settings.Settings.Key<BootstrapOptions>(nameof(OrganiserPassword));
        if (string.IsNullOrEmpty(OrganiserEmail) != string.IsNullOrEmpty(OrganiserPassword))
        {
            yield return $"{email} and {password}: set both, or neither.";
        }

        if (OrganiserEmail is { } address && (!address.Contains('@', StringComparison.Ordinal) || address.Contains(' ', StringComparison.Ordinal)))
        {
            yield return $"{email} is '{address}': expected an e-mail address, like name@example.org.";
        }

        if (OrganiserPassword is { Length: < MinPasswordLength })
        {
            yield return $"{password} is {OrganiserPassword.Length} characters: expected a password of at least {MinPasswordLength} characters.";
        }
    }
}
