using System.Net;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsletters;

/// <summary>Editors add newsletters beside the three every publication starts with.</summary>
public sealed class NewsletterSettingsTests(NewsletterSiteFixture site) : IClassFixture<NewsletterSiteFixture>
{
    [Fact]
    public async Task An_editor_adds_a_newsletter_after_the_three_the_publication_starts_with()
    {
        using var editor = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Editor);

        using var response = await editor.SubmitAsync("/newsroom/newsletters/settings", "form.panel", new()
        {
            ["Name"] = "Harbour and coast",
            ["Description"] = "Ferries, fishing and the tides, every Friday.",
            ["Schedule"] = "Weekly",
            ["SendDay"] = "5",
            ["SendHour"] = "7",
            ["IsActive"] = "true",
        });
        var names = await site.DbAsync(db => db.Newsletters.OrderBy(n => n.Id).Select(n => n.Name).ToListAsync());

        Assert.Equal((HttpStatusCode.Redirect, "/newsroom/newsletters"), (response.StatusCode, response.Headers.Location?.OriginalString));
        Assert.Equal(["The daily briefing", "The weekly digest", "Breaking news alerts", "Harbour and coast"], names);
    }
}
