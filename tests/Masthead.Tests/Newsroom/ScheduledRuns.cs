using Masthead.Newsroom;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Masthead.Tests.Newsroom;

/// <summary>Waits for a server's scheduled publisher, so a test checks what a run did rather than what a while did.</summary>
internal static class ScheduledRuns
{
    /// <summary>Waits until the publisher has finished a run that read the clock at <paramref name="asOf"/> or later; fails after 30 s.</summary>
    public static async Task FinishedAsOfAsync(MastheadServer server, DateTimeOffset asOf)
    {
        var publisher = server.Services.GetServices<IHostedService>().OfType<ScheduledPublisher>().Single();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(publisher.LastRunAsOf >= asOf))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The scheduled publisher finished no run as of {asOf:O} within 30 s (last: {publisher.LastRunAsOf:O}).");
            await Task.Delay(20);
        }
    }
}
