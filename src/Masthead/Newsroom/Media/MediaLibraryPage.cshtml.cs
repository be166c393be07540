using Masthead.Core.Media;
using Masthead.Media;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Media;

/// <summary>
/// The media library (/newsroom/media): thumbnails newest first, searched by file name, alt text, caption and credit,
/// filtered by uploader, month and kind, and a plain upload form that works without JavaScript.
/// </summary>
public sealed class MediaLibraryPage(MediaQueries queries, MediaService media, MediaUrls urls) : NewsroomPage
{
    public const int PageSize = 30;

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "uploader")]
    public int? Uploader { get; set; }

    [FromQuery(Name = "month")]
    public string? Month { get; set; }

    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    public MediaListPage Items { get; private set; } = new([], 0, 1, 1, PageSize);

    public IReadOnlyList<(int Id, string Name)> Uploaders { get; private set; } = [];

    [BindProperty]
    public MediaUploadForm Upload { get; set; } = new();

    /// <summary>Why the last upload was refused, shown above the form.</summary>
    public string? UploadProblem { get; private set; }

    public MediaUrls Urls => urls;

    // "page" is also the route value naming the Razor page itself, hence the explicit query binding.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        await LoadAsync(pageNumber, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var item = await media.UploadAsync(Actor, await Upload.ReadAsync(cancellationToken), cancellationToken);
            Flash = $"“{item.FileName}” is in the library; its address is {item.Address}.";
            return Redirect($"/newsroom/media/{item.Id}");
        }
        catch (Exception refused) when (MediaPageErrors.Describe(refused) is { } problem)
        {
            UploadProblem = problem.Message;
            Response.StatusCode = problem.Status;
            await LoadAsync(1, cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(int pageNumber, CancellationToken cancellationToken)
    {
        Uploaders = await queries.UploadersAsync(cancellationToken);
        Months = await queries.MonthsAsync(cancellationToken);
        MediaKind? kind = Kind switch { "image" => MediaKind.Image, "document" => MediaKind.Document, _ => null };
        try
        {
            Items = await queries.ListAsync(new MediaListQuery(Search, Uploader, Month, kind, Math.Max(1, pageNumber), PageSize), cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, "Filter.");
            Month = null;
            Items = await queries.ListAsync(new MediaListQuery(Search, Uploader, null, kind, Math.Max(1, pageNumber), PageSize), cancellationToken);
        }
    }

    public string? FilterProblem => ModelState.TryGetValue("Filter.month", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The smallest WebP width (or the drawing) as a thumbnail; documents have none.</summary>
    public MediaFile? Thumbnail(MediaItemView item) => item.Vector ?? item.Responsive("image/webp").FirstOrDefault() ?? item.Display;

    /// <summary>The list's address with the current filters and another page.</summary>
    public string PagePath(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("q", Search);
        Add("uploader", Uploader?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("month", Month);
        Add("kind", Kind);
        if (page > 1)
        {
            query.Add($"page={page}");
        }

        return "/newsroom/media" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    public IReadOnlyList<DateTime> Months { get; private set; } = [];

    public string MonthLabel(DateTime month) => month.ToString("MMMM yyyy", Publication.Clock.Culture);
}
