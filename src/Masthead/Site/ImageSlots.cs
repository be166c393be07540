namespace Masthead.Site;

/// <summary>
/// The image slots of the reader pages, with srcset sizes that follow site.css: the article column is 42rem, the
/// page 72rem, story grids about four to a row on a wide screen, list cards 14rem beside their text.
/// </summary>
public static class ImageSlots
{
    private const string ArticleColumn = "(min-width: 44rem) 42rem, 100vw";

    public static readonly ImageSlot LeadImage = new(ArticleColumn, 1200, 675, null, ImageLoading.Priority);

    public static readonly ImageSlot BodyImage = new(ArticleColumn, 1200, 675, null, ImageLoading.Lazy);

    public static readonly ImageSlot FrontLead = new("(min-width: 72rem) 46rem, (min-width: 48rem) 64vw, 100vw", 1200, 675, null, ImageLoading.Priority, Crop: true);

    public static readonly ImageSlot GridCard = new("(min-width: 72rem) 17rem, (min-width: 48rem) 32vw, (min-width: 32rem) 50vw, 100vw", 1200, 675, null,
        ImageLoading.Lazy, Crop: true);

    public static readonly ImageSlot ListCard = new("(min-width: 48rem) 14rem, 100vw", 1200, 675, null, ImageLoading.Lazy, Crop: true);

    /// <summary>A round portrait of <paramref name="pixels"/> CSS pixels, cropped around the face (the focal point).</summary>
    public static ImageSlot Portrait(int pixels, string cssClass, ImageLoading loading) => new($"{pixels}px", pixels, pixels, cssClass, loading, Crop: true);
}
