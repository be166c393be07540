using Masthead.Core.Text;

namespace Masthead.Core.Articles;

/// <summary>What a lead image may hold; each problem is keyed by the editor's field it concerns.</summary>
internal static class LeadImageRules
{
    public static void Check(LeadImageView image, Dictionary<string, string> problems)
    {
        if (!ImageAddress.IsValid(image.Url.Trim()))
        {
            problems["LeadImageUrl"] = $"The lead image address must start with https://, http:// or /, in at most {ImageAddress.MaxLength:N0} characters.";
        }

        if (string.IsNullOrWhiteSpace(image.Alt))
        {
            problems["LeadImageAlt"] = "A lead image needs alt text that describes it.";
        }
        else if (image.Alt.Trim().Length > LeadImage.MaxAltLength)
        {
            problems["LeadImageAlt"] = $"Keep the alt text to {LeadImage.MaxAltLength} characters; it has {image.Alt.Trim().Length:N0}.";
        }

        if (image.Caption?.Trim().Length > LeadImage.MaxCaptionLength)
        {
            problems["LeadImageCaption"] = $"Keep the caption to {LeadImage.MaxCaptionLength:N0} characters; it has {image.Caption.Trim().Length:N0}.";
        }

        if (image.Credit?.Trim().Length > LeadImage.MaxCreditLength)
        {
            problems["LeadImageCredit"] = $"Keep the credit to {LeadImage.MaxCreditLength} characters; it has {image.Credit.Trim().Length:N0}.";
        }
    }
}
