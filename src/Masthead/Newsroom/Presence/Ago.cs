namespace Masthead.Newsroom.Presence;

/// <summary>"just now", "3 minutes ago", "2 hours ago": the same words the editor's script writes as time passes.</summary>
public static class Ago
{
    public static string Since(DateTime then, DateTime now)
    {
        var minutes = (int)Math.Round((now - then).TotalMinutes);
        if (minutes < 1)
        {
            return "just now";
        }

        if (minutes < 60)
        {
            return minutes == 1 ? "1 minute ago" : $"{minutes} minutes ago";
        }

        var hours = (int)Math.Round(minutes / 60.0);
        return hours == 1 ? "1 hour ago" : $"{hours} hours ago";
    }
}
