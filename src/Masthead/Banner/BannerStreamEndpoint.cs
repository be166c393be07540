using System.Globalization;
using System.Text.Json;
using Masthead.Core.Banner;

namespace Masthead.Banner;

/// <summary>
/// GET /site/live: the site-wide event stream every reader page follows, as server-sent events. It sends the banner
/// whenever it differs from the one the reader shows: at once when the page (<c>?banner=</c>, the id it was rendered
/// with, 0 for none) or a reconnecting browser (<c>Last-Event-ID</c>) shows another, then at each change. Event
/// <c>banner</c> carries the banner; <c>lowered</c> says there is none. The event id is the banner's id, 0 for none.
/// </summary>
public static class BannerStreamEndpoint
{
    public const string Path = "/site/live";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ReadOnlyMemory<byte> HeartbeatFrame = ": heartbeat\n\n"u8.ToArray();

    public static IEndpointRouteBuilder MapBannerStream(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, StreamAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task StreamAsync(HttpContext context, BannerBroadcaster broadcaster, IServiceScopeFactory scopes)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            if (broadcaster.Current is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var banners = scope.ServiceProvider.GetRequiredService<BannerQueries>();
                await broadcaster.EnsureLoadedAsync(async () => (await banners.LoadAsync(cancellationToken)).Banner);
            }

            var response = context.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache, no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.WriteAsync("retry: 3000\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);

            var shown = Shown(context.Request);
            while (true)
            {
                var pulse = broadcaster.NextPulse;
                var state = broadcaster.Current!;
                await response.BodyWriter.WriteAsync(state.Key == shown ? HeartbeatFrame : state.Frame, cancellationToken); // writes and flushes
                shown = state.Key;
                await pulse.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reader left.
        }
    }

    public static string EventFor(BannerView? shown) => shown is { } banner
        ? string.Create(CultureInfo.InvariantCulture, $"id: {banner.Id}\nevent: banner\ndata: {JsonSerializer.Serialize(Payload(banner), Json)}\n\n")
        : "id: 0\nevent: lowered\ndata: {}\n\n";

    private static object Payload(BannerView banner) => new
    {
        id = banner.Id,
        label = banner.Label,
        text = banner.Text,
        path = banner.Path,
        expires = banner.ExpiresAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>The banner the reader shows: -1 when it does not say, so the stream starts by telling it.</summary>
    private static int Shown(HttpRequest request)
    {
        var raw = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["banner"].FirstOrDefault();
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
    }
}
