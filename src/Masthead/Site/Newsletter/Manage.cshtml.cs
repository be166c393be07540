using System.Text.Json;
using Masthead.Caching;
using Masthead.Core.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Newsletter;

/// <summary>
/// A reader's preferences, reached from the link in every email without signing in: what they get and their name,
/// everything held about them (as a JSON download), and deleting it all.
/// </summary>
[RequestFormLimits(ValueLengthLimit = 4096, ValueCountLimit = 64)]
[UncachedPage]
public sealed class ManagePage(SubscriberService subscribers) : SubscriberPage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public SubscriberPreferences? Preferences { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<int> Newsletters { get; set; } = [];

    [BindProperty]
    public bool ReallyDelete { get; set; }

    public bool Saved => Request.Query["saved"] == "1";
    public bool Deleted { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) => await LoadAsync(token, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            if (!await subscribers.SavePreferencesAsync(token, Name, Newsletters, HttpContext.Connection.RemoteIpAddress, cancellationToken))
            {
                await LoadAsync(token, cancellationToken);
                return Page();
            }
        }
        catch (Core.ValidationException problems)
        {
            Problem = string.Join(" ", problems.Problems.Values);
            await LoadAsync(token, cancellationToken);
            return Page();
        }

        return Redirect($"/newsletter/manage/{Uri.EscapeDataString(token)}?saved=1");
    }

    public async Task<IActionResult> OnPostExportAsync(string token, CancellationToken cancellationToken)
    {
        if (await subscribers.EverythingHeldAsync(token, cancellationToken) is not { } record)
        {
            await LoadAsync(token, cancellationToken);
            return Page();
        }

        return File(JsonSerializer.SerializeToUtf8Bytes(record, Json), "application/json", "subscriber-data.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string token, CancellationToken cancellationToken)
    {
        if (!ReallyDelete)
        {
            Problem = "Tick the box to say you want everything deleted, then press Delete again.";
            await LoadAsync(token, cancellationToken);
            return Page();
        }

        Describe("Your subscription");
        Deleted = await subscribers.DeleteAsync(token, cancellationToken);
        Response.StatusCode = Deleted ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        Describe("Your subscription");
        Preferences = await subscribers.PreferencesAsync(token, cancellationToken);
        Response.StatusCode = Preferences is null ? StatusCodes.Status404NotFound : Response.StatusCode;
        if (Preferences is not null && !HttpMethods.IsPost(Request.Method))
        {
            Name = Preferences.Name;
        }
    }
}
