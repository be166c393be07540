using System.Globalization;
using Masthead.Core.Media;
using Masthead.Core.Publishing;
using Masthead.Media;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Media;

/// <summary>
/// One item of the media library (/newsroom/media/{id}): its details and addresses, where it is used, its alt text,
/// caption, credit and focal point, replacing its file behind the same address, and deleting it, with a
/// confirmation that names the pages readers would see a gap in.
/// </summary>
public sealed class MediaItemPage(MediaQueries queries, MediaService media, MediaUrls urls) : NewsroomPage
{
    public MediaItemView Item { get; private set; } = null!;

    public IReadOnlyList<MediaUseView> Uses { get; private set; } = [];

    [BindProperty]
    public MediaUploadForm Details { get; set; } = new();

    /// <summary>The focal point as percentages across and down, the way to set it without a pointer.</summary>
    [BindProperty]
    public double? FocusAcross { get; set; }

    [BindProperty]
    public double? FocusDown { get; set; }

    public string? Problem { get; private set; }

    /// <summary>The places readers see the item, when a delete needs confirming.</summary>
    public IReadOnlyList<MediaUseView>? ConfirmDelete { get; private set; }

    public MediaUrls Urls => urls;

    public bool CanChange => Permissions.CanChangeMedia(Actor, Item.UploadedById);

    public bool CanDelete => Permissions.CanDeleteMedia(Actor, Item.UploadedById, Uses.Count > 0);

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostDetailsAsync(int id, CancellationToken cancellationToken) => ChangeAsync(id, async () =>
    {
        await media.UpdateAsync(Actor, id, new MediaDetails(Details.Alt ?? "", Details.Caption ?? "", Details.Credit ?? "",
            FocusAcross is { } x ? x / 100 : null, FocusDown is { } y ? y / 100 : null), cancellationToken);
        return "Saved. Pages that show this image use the new details now.";
    }, cancellationToken);

    public Task<IActionResult> OnPostReplaceAsync(int id, CancellationToken cancellationToken) => ChangeAsync(id, async () =>
    {
        var item = await media.ReplaceAsync(Actor, id, await Details.ReadAsync(cancellationToken), cancellationToken);
        return $"The file is replaced; {item.Address} and every page that uses it show the new one.";
    }, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        try
        {
            var item = await queries.FindAsync(id, cancellationToken) ?? throw new NotFoundException($"There is no media item {id}.");
            await media.DeleteAsync(Actor, id, confirm, cancellationToken);
            Flash = $"“{item.FileName}” is deleted.";
            return Redirect("/newsroom/media");
        }
        catch (MediaInUseException inUse)
        {
            await LoadAsync(id, cancellationToken);
            ConfirmDelete = inUse.Uses;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private async Task<IActionResult> ChangeAsync(int id, Func<Task<string>> change, CancellationToken cancellationToken)
    {
        try
        {
            Flash = await change();
            return Redirect($"/newsroom/media/{id}");
        }
        catch (Exception refused) when (MediaPageErrors.Describe(refused) is { Status: not StatusCodes.Status403Forbidden } problem)
        {
            await LoadAsync(id, cancellationToken);
            Problem = problem.Message;
            Response.StatusCode = problem.Status;
            return Page();
        }
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(id, cancellationToken);
        (Item, Uses) = (detail.Item, detail.Uses);
        if (Request.Method == HttpMethods.Get || ConfirmDelete is not null)
        {
            Details = new MediaUploadForm { Alt = Item.Alt, Caption = Item.Caption, Credit = Item.Credit };
            FocusAcross = Math.Round(Item.FocalX * 100);
            FocusDown = Math.Round(Item.FocalY * 100);
        }
    }

    public static string PlaceLabel(MediaPlace place) => place switch
    {
        MediaPlace.ArticleLeadImage => "Lead image",
        MediaPlace.ArticleBody => "In the text",
        MediaPlace.StaticPage => "Page",
        MediaPlace.StaffPhoto => "Staff photo",
        _ => "Publication logo",
    };

    /// <summary>Where in the newsroom the use is changed.</summary>
    public static string? EditPath(MediaUseView use) => use.Place switch
    {
        MediaPlace.ArticleLeadImage or MediaPlace.ArticleBody => $"/newsroom/articles/{use.OwnerId}",
        MediaPlace.StaticPage => $"/newsroom/pages/{use.OwnerId}",
        MediaPlace.StaffPhoto => $"/newsroom/staff/{use.OwnerId}",
        _ => "/newsroom/settings",
    };

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
