namespace SnogMarryAvoid.Web.Components.Shared;

/// <summary>
/// Time left as the room reads it, always minutes and seconds ("4:49", "0:45"), so it needs no unit.
/// js/app.js ticks it in the browser in the same format.
/// </summary>
public static class CountdownText
{
    public static string Of(long milliseconds)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, milliseconds) / 1000.0);
        return $"{seconds / 60}:{seconds % 60:00}";
    }
}
