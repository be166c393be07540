using System.Globalization;
using System.Text;
using Masthead.Core.Newsletters;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Newsletters;

/// <summary>
/// The readers themselves (administrators): counts per newsletter, growth over thirty days, search, removal, export
/// to CSV, and import from CSV with the consent its readers gave stated. A file over the limit is refused by its
/// size before a byte of it is read.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes + 64 * 1024)]
public sealed class SubscribersPage(NewsletterQueries queries, SubscriberAdministration administration) : NewsroomPage
{
    public const int PageSize = 50;
    private const int MaxUploadBytes = SubscriberAdministration.MaxImportCharacters * 2;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] // "page" is the route value naming the Razor page
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public IFormFile? Csv { get; set; }

    [BindProperty]
    public string? Consent { get; set; }

    [BindProperty]
    public List<int> Newsletters { get; set; } = [];

    public SubscriberCounts Counts { get; private set; } = null!;
    public IReadOnlyList<SubscriberRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public ImportResult? Imported { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(int subscriber, CancellationToken cancellationToken)
    {
        await administration.RemoveAsync(Actor, subscriber, cancellationToken);
        Flash = "The subscriber and everything held about them are deleted.";
        return Redirect("/newsroom/subscribers" + (string.IsNullOrEmpty(Search) ? "" : "?search=" + Uri.EscapeDataString(Search)));
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        var csv = await administration.ExportAsync(Actor, cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"subscribers-{DateTime.UtcNow:yyyy-MM-dd}.csv");
        return File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv", name);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageSubscribers(Actor), "import subscribers");
        try
        {
            string? text = null;
            if (Csv is { Length: > 0 } file)
            {
                if (file.Length > SubscriberAdministration.MaxImportCharacters)
                {
                    throw Core.ValidationException.For("Csv",
                        $"The file is too large: at most {SubscriberAdministration.MaxImportCharacters / 1_000_000} MB at a time. Split it and import the parts.");
                }

                using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
                text = await reader.ReadToEndAsync(cancellationToken);
            }

            Imported = await administration.ImportAsync(Actor, text, Consent, Newsletters, cancellationToken);
            Consent = null;
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageSubscribers(Actor), "manage subscribers");
        Counts = await queries.CountsAsync(cancellationToken);
        (var rows, Total) = await queries.SubscribersAsync(Search, PageNumber, PageSize, cancellationToken);
        Rows = rows;
    }

    /// <summary>The growth chart's line: thirty days left to right, the most readers at the top.</summary>
    public string ChartPoints(int width, int height)
    {
        var growth = Counts.Growth;
        var max = Math.Max(1, growth.Max(g => g.Total));
        var step = growth.Count > 1 ? (double)width / (growth.Count - 1) : width;
        return string.Join(' ', growth.Select((g, i) => string.Create(CultureInfo.InvariantCulture, $"{i * step:0.#},{height - (g.Total * (height - 4) / (double)max) - 2:0.#}")));
    }
}
