using System.Globalization;
using Masthead.Caching;
using Masthead.Core.Newsletters;
using Masthead.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Newsletter;

/// <summary>
/// /newsletter: what the newsletters are, and the sign-up form every page posts to. Every well-formed sign-up gets the
/// same answer ("check your inbox") whether or not the address was on the list; a honeypot post gets it too, and
/// nothing happens. The page is never cached: its form carries a fresh stamp of when it was drawn.
/// </summary>
[UncachedPage]
[IgnoreAntiforgeryToken] // posted from cached pages, which carry no token; a forged sign-up only emails the owner a link
[RequestFormLimits(ValueLengthLimit = 4096, ValueCountLimit = 32)]
public sealed class NewsletterPage(SubscriberService subscribers, NewsletterSignupGuard guard, ILogger<NewsletterPage> logger) : SitePage
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<int> Newsletters { get; set; } = [];

    /// <summary>Present when the form offered a choice of newsletters; without it the defaults are taken.</summary>
    [BindProperty]
    public string? Choosing { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    [BindProperty(Name = NewsletterSignupGuard.HoneypotField)]
    public string? Website { get; set; }

    [BindProperty(Name = NewsletterSignupGuard.StampField)]
    public string? Started { get; set; }

    public bool Sent => Request.Query["sent"] == "1";

    public override bool ShowsFooterSignup => false;

    public SignupFormView Form { get; private set; } = null!;

    /// <summary>Why the sign-up was not taken this time, in words for the reader.</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await DescribeAsync(null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            logger.LogInformation("A newsletter sign-up with the honeypot filled was dropped");
            return Redirect("/newsletter?sent=1");
        }

        var chosen = Choosing is null ? null : Newsletters;
        if (!guard.FilledByPerson(Started))
        {
            Notice = "Please check your address and press Subscribe once more.";
            await DescribeAsync(chosen, cancellationToken);
            return Page();
        }

        try
        {
            var source = Source is { Length: > 0 and <= 300 } path && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) ? path : "/newsletter";
            var outcome = await subscribers.SignUpAsync(new SignupInput(Email, Name, chosen, source, HttpContext.Connection.RemoteIpAddress), cancellationToken);
            if (outcome == SignupOutcome.TooManyFromClient)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = "3600";
                Notice = "Too many sign-ups have come from your connection in the last hour. Please try again later.";
                await DescribeAsync(chosen, cancellationToken);
                return Page();
            }

            return Redirect("/newsletter?sent=1");
        }
        catch (Core.ValidationException problems)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await DescribeAsync(chosen, cancellationToken, problems);
            return Page();
        }
    }

    private async Task DescribeAsync(IReadOnlyCollection<int>? chosen, CancellationToken cancellationToken, Core.ValidationException? problems = null)
    {
        CurrentNav = "/newsletter";
        Meta.Title = TitleFor("Newsletters");
        Meta.Description = $"Get {Publication.Name} by email: the daily briefing, the weekly digest and breaking-news alerts.";
        Meta.CanonicalUrl = Absolute("/newsletter");
        Meta.Stylesheets.Add(SubscriberPage.NewsletterStylesheet);
        var offered = await HttpContext.RequestServices.GetRequiredService<NewsletterQueries>().NewslettersAsync(cancellationToken);
        var choices = offered.Where(n => n.Newsletter.IsActive).Select(n => n.Newsletter)
            .Select(n => new NewsletterChoice(n.Id, n.Name, n.Description, chosen is null ? n.IsDefault : chosen.Contains(n.Id))).ToList();
        Form = new SignupFormView("page-signup", "/newsletter", "Sign up", "Choose what you would like to get. You can change it, or stop it, from any email.", Compact: false)
        {
            Choices = choices,
            Email = Email,
            Name = Name,
            EmailError = problems?.Problems.GetValueOrDefault("Email") ?? problems?.Problems.GetValueOrDefault("Name"),
            ChoicesError = problems?.Problems.GetValueOrDefault("Newsletters"),
        };
    }

    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
