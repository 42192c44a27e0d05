using System.ComponentModel.DataAnnotations;
using SnogMarryAvoid.Core.Settings;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>The <c>Retention</c> section: off unless set.</summary>
public sealed class RetentionOptions : ISettings
{
    public static string Section => "Retention";

    /// <summary>Sessions created longer ago than this many days, and not live, are deleted with all their data; unset or 0 is off.</summary>
    [Range(0, 36_500)]
    public int? DeleteSessionsOlderThanDays { get; set; }

    /// <summary>The retention, or null when it is off.</summary>
    public TimeSpan? Retention => DeleteSessionsOlderThanDays is int days and > 0 ? TimeSpan.FromDays(days) : null;
}
