using System.Text.RegularExpressions;

namespace Masthead.Core.Text.Blocks;

/// <summary>
/// Recognises an embeddable address from the address alone, with no network call: YouTube, Vimeo, X/Twitter,
/// Instagram, TikTok, Facebook, Spotify, SoundCloud, Apple Podcasts, Google Maps, Datawrapper, Flourish and
/// DocumentCloud, and any host an administrator allowed in Settings. Each gives the address of its player or post
/// to frame, on the few hosts in <see cref="FrameHosts"/>, which are all the reader pages' policy lets frame.
/// </summary>
public static partial class EmbedProviders
{
    /// <summary>The hosts the built-in providers' frames load from.</summary>
    public static readonly IReadOnlyList<string> FrameHosts =
    [
        "www.youtube-nocookie.com", "player.vimeo.com", "platform.twitter.com", "www.instagram.com", "www.tiktok.com",
        "www.facebook.com", "open.spotify.com", "w.soundcloud.com", "embed.podcasts.apple.com", "www.google.com",
        "datawrapper.dwcdn.net", "flo.uri.sh", "embed.documentcloud.org",
    ];

    /// <summary>The most hosts an administrator may add.</summary>
    public const int MaxExtraHosts = 50;

    /// <summary>The embed an address stands for, or null when it is an ordinary link.</summary>
    /// <param name="extraHosts">Hosts an administrator allowed: an address on one of them is framed as it is.</param>
    public static Embed? Recognise(string? address, IReadOnlyCollection<string> extraHosts)
    {
        if (address is null || address.StartsWith('/') || !Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        var bare = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        var path = uri.AbsolutePath;
        var link = uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped).Replace("http://", "https://", StringComparison.Ordinal);
        var known = bare switch
        {
            "youtube.com" or "m.youtube.com" or "youtu.be" or "youtube-nocookie.com" => YouTube(uri, bare),
            "vimeo.com" or "player.vimeo.com" => Match(VimeoPath(), path) is { } m
                ? new Embed("Vimeo", $"https://player.vimeo.com/video/{m["id"]}{(m["hash"] is { Length: > 0 } h ? $"?h={h}" : "")}", link, EmbedShape.Widescreen, "Play the video")
                : null,
            "twitter.com" or "x.com" or "mobile.twitter.com" => Match(TweetPath(), path) is { } m
                ? new Embed("X", $"https://platform.twitter.com/embed/Tweet.html?id={m["id"]}&dnt=true", link, EmbedShape.Height(650), "Show the post")
                : null,
            "instagram.com" => Match(InstagramPath(), path) is { } m
                ? new Embed("Instagram", $"https://www.instagram.com/{m["kind"]}/{m["code"]}/embed/", link, EmbedShape.Height(750), "Show the post")
                : null,
            "tiktok.com" => Match(TikTokPath(), path) is { } m
                ? new Embed("TikTok", $"https://www.tiktok.com/embed/v2/{m["id"]}", link, EmbedShape.Portrait, "Play the video")
                : null,
            "facebook.com" or "m.facebook.com" or "fb.watch" => Facebook(uri, link, bare),
            "open.spotify.com" => Match(SpotifyPath(), path) is { } m
                ? new Embed("Spotify", $"https://open.spotify.com/embed/{m["kind"]}/{m["id"]}", link,
                    EmbedShape.Height(m["kind"] is "track" or "episode" ? 152 : 352), m["kind"] is "episode" or "show" ? "Play the episode" : "Play the music")
                : null,
            "soundcloud.com" => Match(SoundCloudPath(), path) is { } m
                ? new Embed("SoundCloud", $"https://w.soundcloud.com/player/?url={Uri.EscapeDataString(link)}&visual=false", link,
                    EmbedShape.Height(m["set"] is { Length: > 0 } ? 450 : 166), "Play the audio")
                : null,
            "podcasts.apple.com" => Match(ApplePodcastPath(), path) is { } m
                ? new Embed("Apple Podcasts", $"https://embed.podcasts.apple.com{path}{uri.Query}", link,
                    EmbedShape.Height(uri.Query.Contains("i=", StringComparison.Ordinal) ? 175 : 450), "Play the podcast")
                : null,
            "google.com" or "maps.google.com" => GoogleMaps(uri, link),
            "datawrapper.dwcdn.net" or "datawrapper.de" or "app.datawrapper.de" => Match(DatawrapperPath(), path) is { } m
                ? new Embed("Datawrapper", $"https://datawrapper.dwcdn.net/{m["id"]}/{(m["version"] is { Length: > 0 } v ? v + "/" : "")}", link,
                    EmbedShape.Height(450), "Show the chart")
                : null,
            "public.flourish.studio" or "flo.uri.sh" => Match(FlourishPath(), path) is { } m
                ? new Embed("Flourish", $"https://flo.uri.sh/{m["kind"]}/{m["id"]}/embed", link, EmbedShape.Height(550), "Show the graphic")
                : null,
            "documentcloud.org" or "embed.documentcloud.org" => Match(DocumentCloudPath(), path) is { } m
                ? new Embed("DocumentCloud", $"https://embed.documentcloud.org/documents/{m["id"]}/?embed=1", link, EmbedShape.Height(650), "Show the document")
                : null,
            _ => null,
        };

        if (known is not null)
        {
            return known;
        }

        // An allowed host's address is framed as it is; an address on a provider's host that is not one of its
        // pages (a YouTube channel, say) stays an ordinary link.
        return uri.Scheme == Uri.UriSchemeHttps && IsExtraHost(host, extraHosts)
            ? new Embed(host, uri.AbsoluteUri, uri.AbsoluteUri, EmbedShape.Widescreen, "Show the content")
            : null;
    }

    /// <summary>Whether a frame from <paramref name="src"/> may appear on a reader page: https, on a built-in provider's frame host or an allowed one.</summary>
    public static bool IsAllowedFrame(Uri src, IReadOnlyCollection<string> extraHosts) =>
        src.Scheme == Uri.UriSchemeHttps && (FrameHosts.Contains(src.Host.ToLowerInvariant()) || IsExtraHost(src.Host.ToLowerInvariant(), extraHosts));

    private static bool IsExtraHost(string host, IReadOnlyCollection<string> extraHosts) => extraHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Checks and tidies the hosts an administrator typed, one per line (or separated by spaces or commas); a problem
    /// names the first host that is not one.
    /// </summary>
    public static IReadOnlyList<string> ParseHosts(string? text, out string? problem)
    {
        problem = null;
        var hosts = new List<string>();
        foreach (var word in (text ?? "").Split([' ', '\n', '\r', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var host = word.Trim().TrimEnd('/').ToLowerInvariant();
            if (host.StartsWith("https://", StringComparison.Ordinal))
            {
                host = host["https://".Length..];
            }

            if (Uri.CheckHostName(host) != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal) || host.StartsWith('.'))
            {
                problem = $"'{word}' is not a host name; give hosts such as embed.example.org, one per line.";
                return [];
            }

            if (!hosts.Contains(host))
            {
                hosts.Add(host);
            }
        }

        if (hosts.Count > MaxExtraHosts)
        {
            problem = $"Allow at most {MaxExtraHosts} hosts; there are {hosts.Count}.";
            return [];
        }

        return hosts;
    }

    private static Embed? YouTube(Uri uri, string host)
    {
        var query = Query(uri);
        var path = uri.AbsolutePath;
        string? id = null;
        var shape = EmbedShape.Widescreen;
        if (host == "youtu.be")
        {
            id = path.Trim('/');
        }
        else if (path == "/watch")
        {
            id = query.GetValueOrDefault("v");
        }
        else if (Match(YouTubePath(), path) is { } m)
        {
            id = m["id"];
            shape = m["kind"] == "shorts" ? EmbedShape.Portrait : shape;
        }

        if (id is null || !YouTubeId().IsMatch(id))
        {
            return null;
        }

        var start = Seconds(query.GetValueOrDefault("t") ?? query.GetValueOrDefault("start"));
        return new Embed("YouTube", $"https://www.youtube-nocookie.com/embed/{id}{(start > 0 ? $"?start={start}" : "")}",
            $"https://www.youtube.com/watch?v={id}{(start > 0 ? $"&t={start}s" : "")}", shape, "Play the video");
    }

    private static Embed? Facebook(Uri uri, string link, string host)
    {
        var path = uri.AbsolutePath;
        var video = host == "fb.watch" || path.Contains("/videos/", StringComparison.Ordinal) || path.StartsWith("/watch", StringComparison.Ordinal)
            || path.StartsWith("/reel/", StringComparison.Ordinal);
        var post = path.Contains("/posts/", StringComparison.Ordinal) || path.StartsWith("/permalink.php", StringComparison.Ordinal)
            || path.StartsWith("/photo", StringComparison.Ordinal) || path.Contains("/photos/", StringComparison.Ordinal);
        if (!video && !post)
        {
            return null;
        }

        var href = Uri.EscapeDataString(link.Replace("://m.facebook.com", "://www.facebook.com", StringComparison.Ordinal));
        return video
            ? new Embed("Facebook", $"https://www.facebook.com/plugins/video.php?href={href}&show_text=false", link, EmbedShape.Widescreen, "Play the video")
            : new Embed("Facebook", $"https://www.facebook.com/plugins/post.php?href={href}&show_text=true", link, EmbedShape.Height(600), "Show the post");
    }

    /// <summary>
    /// Maps embed without a key in two ways: the address of "Share → Embed a map" (/maps/embed?pb=...), as it is, or
    /// a place, a search or a point made into a search that the embeddable output shows.
    /// </summary>
    private static Embed? GoogleMaps(Uri uri, string link)
    {
        var path = uri.AbsolutePath;
        var query = Query(uri);
        if (path == "/maps/embed" && query.ContainsKey("pb"))
        {
            return new Embed("Google Maps", $"https://www.google.com/maps/embed?pb={Uri.EscapeDataString(query["pb"])}", link, EmbedShape.Standard, "Show the map");
        }

        if (!path.StartsWith("/maps", StringComparison.Ordinal))
        {
            return null;
        }

        string? search = query.GetValueOrDefault("q");
        string? zoom = null;
        if (Match(MapsPlacePath(), path) is { } place)
        {
            search = Uri.UnescapeDataString(place["place"]).Replace('+', ' ');
        }
        else if (Match(MapsPointPath(), path) is { } point)
        {
            search = $"{point["lat"]},{point["lng"]}";
            zoom = point["zoom"];
        }

        return string.IsNullOrWhiteSpace(search)
            ? null
            : new Embed("Google Maps", $"https://www.google.com/maps?q={Uri.EscapeDataString(search)}{(zoom is { Length: > 0 } ? $"&z={zoom}" : "")}&output=embed",
                link, EmbedShape.Standard, "Show the map");
    }

    private static Dictionary<string, string>? Match(Regex pattern, string path)
    {
        var match = pattern.Match(path);
        return match.Success ? pattern.GetGroupNames().ToDictionary(n => n, n => match.Groups[n].Value) : null;
    }

    private static Dictionary<string, string> Query(Uri uri)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(at < 0 ? pair : pair[..at]);
            values.TryAdd(name, at < 0 ? "" : Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' ')));
        }

        return values;
    }

    /// <summary>"90", "90s", "1m30s" or "1h2m3s": a start time in seconds.</summary>
    private static int Seconds(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        if (int.TryParse(text.TrimEnd('s'), out var plain))
        {
            return Math.Max(0, plain);
        }

        var match = StartTime().Match(text);
        return !match.Success ? 0 : (Part(match, "h") * 3600) + (Part(match, "m") * 60) + Part(match, "s");

        static int Part(Match match, string group) => int.TryParse(match.Groups[group].Value, out var value) ? value : 0;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex YouTubeId();

    [GeneratedRegex("^/(?<kind>embed|shorts|live|v)/(?<id>[A-Za-z0-9_-]{11})/?$")]
    private static partial Regex YouTubePath();

    [GeneratedRegex("^(?:(?<h>\\d+)h)?(?:(?<m>\\d+)m)?(?:(?<s>\\d+)s)?$")]
    private static partial Regex StartTime();

    [GeneratedRegex("^/(?:video/|channels/[\\w-]+/|groups/[\\w-]+/videos/)?(?<id>\\d+)(?:/(?<hash>[0-9a-f]+))?/?$")]
    private static partial Regex VimeoPath();

    [GeneratedRegex("^/(?:i/web|[A-Za-z0-9_]{1,15})/status(?:es)?/(?<id>\\d{1,25})(?:/.*)?$")]
    private static partial Regex TweetPath();

    [GeneratedRegex("^/(?:[A-Za-z0-9_.]+/)?(?<kind>p|reel|tv)/(?<code>[A-Za-z0-9_-]+)/?$")]
    private static partial Regex InstagramPath();

    [GeneratedRegex("^/@[A-Za-z0-9_.-]+/video/(?<id>\\d{1,25})/?$")]
    private static partial Regex TikTokPath();

    [GeneratedRegex("^/(?:intl-[a-z-]+/)?(?:embed/)?(?<kind>track|album|playlist|episode|show|artist)/(?<id>[A-Za-z0-9]{22})/?$")]
    private static partial Regex SpotifyPath();

    [GeneratedRegex("^/[A-Za-z0-9_-]+/(?<set>sets/)?[A-Za-z0-9_-]+/?$")]
    private static partial Regex SoundCloudPath();

    [GeneratedRegex("^/[a-z]{2}/podcast/[^/]+/id\\d+/?$")]
    private static partial Regex ApplePodcastPath();

    [GeneratedRegex("^/maps/place/(?<place>[^/]+)")]
    private static partial Regex MapsPlacePath();

    [GeneratedRegex("^/maps/@(?<lat>-?\\d+(?:\\.\\d+)?),(?<lng>-?\\d+(?:\\.\\d+)?)(?:,(?<zoom>\\d+(?:\\.\\d+)?)z)?")]
    private static partial Regex MapsPointPath();

    [GeneratedRegex("^/(?:chart/|map/|table/)?(?<id>[A-Za-z0-9]{5})(?:/(?<version>\\d+))?(?:/.*)?$")]
    private static partial Regex DatawrapperPath();

    [GeneratedRegex("^/(?<kind>visualisation|story)/(?<id>\\d+)(?:/.*)?$")]
    private static partial Regex FlourishPath();

    [GeneratedRegex("^/documents/(?<id>\\d+(?:-[A-Za-z0-9-]+)?)(?:\\.html)?/?$")]
    private static partial Regex DocumentCloudPath();
}
