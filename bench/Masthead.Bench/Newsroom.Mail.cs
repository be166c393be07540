using System.Diagnostics;
using System.Net;

namespace Masthead.Bench;

public sealed partial class Newsroom
{
    private Form? _contactForm;

    /// <summary>Sends a reader's message through the contact form, as a browser does; returns how long the answer took.</summary>
    public async Task<TimeSpan> WriteInAsync(string subject, CancellationToken cancellationToken)
    {
        _contactForm ??= Forms("/contact", await GetPageAsync("/contact", cancellationToken)).FirstOrDefault(f => f.Action == "/contact" && f.Token.Length > 0)
            ?? throw new BenchException("/contact has no contact form.");
        var started = Stopwatch.GetTimestamp();
        using var response = await PostAsync(_contactForm,
            [
                new("Name", "Orla Pennywhistle"), new("Email", "orla@example.org"), new("Subject", subject),
                new("Message", "The ward map on page two shows Ward 4 twice."), new("Website", ""),
            ],
            cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new BenchException($"The contact form answered {(int)response.StatusCode}, not a redirect.");
        }

        return elapsed;
    }
}
