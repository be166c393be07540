using System.Globalization;
using Masthead.Core.Live;

namespace Masthead.Live;

/// <summary>Writes the text/event-stream format: id, event and one data line per event; comments as heartbeats.</summary>
internal sealed class LiveEventWriter(HttpResponse response)
{
    /// <summary>
    /// Whether the story's coverage had ended as of the last event written: an <c>ended</c> not followed by a
    /// <c>resumed</c>. Corrections made after the end are written too; they do not reopen the stream.
    /// </summary>
    public bool Ended { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 3000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the events newer than <paramref name="sent"/>, in order; returns the last id written.</summary>
    public async Task<int> WriteAllAsync(IEnumerable<LiveEventRecord> events, int sent, CancellationToken cancellationToken)
    {
        var wrote = false;
        foreach (var liveEvent in events)
        {
            if (liveEvent.Id <= sent)
            {
                continue;
            }

            await response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {liveEvent.Id}\nevent: {liveEvent.Type}\ndata: {liveEvent.Data}\n\n"), cancellationToken);
            sent = liveEvent.Id;
            wrote = true;
            Ended = liveEvent.Type switch
            {
                LiveEventTypes.Ended => true,
                LiveEventTypes.Resumed => false,
                _ => Ended,
            };
        }

        if (wrote)
        {
            await response.Body.FlushAsync(cancellationToken);
        }

        return sent;
    }

    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await response.WriteAsync(": heartbeat\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
