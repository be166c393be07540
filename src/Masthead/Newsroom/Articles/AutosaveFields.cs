using System.Text.Encodings.Web;
using System.Text.Json;

namespace Masthead.Newsroom.Articles;

/// <summary>The editor form as an autosave keeps it (JSON), and what of it a save would store.</summary>
public static class AutosaveFields
{
    // Kept readable and short: only what JSON itself needs is escaped (the page encodes it again when it shows it).
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ArticleForm form) => JsonSerializer.Serialize(form, Json);

    /// <summary>The form an autosave holds; null if it cannot be read (written by another version, say).</summary>
    public static ArticleForm? Read(string fields)
    {
        try
        {
            return JsonSerializer.Deserialize<ArticleForm>(fields, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether saving <paramref name="a"/> and saving <paramref name="b"/> would store the same article.</summary>
    public static bool SameContent(ArticleForm a, ArticleForm b) => Stored.Of(a) == Stored.Of(b);

    /// <summary>
    /// What of a form a save stores, each part as text, so blanks and missing values, the order of ticked tags, spaces
    /// around a headline and empty byline slots make no difference.
    /// </summary>
    public sealed record Stored(
        string Headline, string Slug, string Standfirst, string Body, string Section, string Tags, string Bylines, string LeadImage, string SearchAndSocial, string Note)
    {
        public static Stored Of(ArticleForm form)
        {
            var input = form.ToInput();
            var social = input.SearchAndSocial!;
            return new Stored(
                Tidy(input.Headline), Tidy(input.Slug), Tidy(input.Standfirst), input.BodyMarkdown.TrimEnd(), $"{input.SectionId}",
                Join([.. input.TagIds.Order().Select(id => $"{id}"), Tidy(form.NewTags)]),
                Join(input.AuthorIds.Select(id => $"{id}")),
                input.LeadImage is { } image ? Join([image.Url, Tidy(image.Alt), Tidy(image.Caption), Tidy(image.Credit)]) : "",
                Join([Tidy(social.SearchTitle), Tidy(social.SearchDescription), Tidy(social.SocialTitle), Tidy(social.SocialDescription),
                    Tidy(social.SocialImageUrl), Tidy(social.CanonicalUrl), social.HideFromSearchEngines ? "hidden" : ""]),
                Tidy(form.Note));
        }

        private static string Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? "" : text.Trim();

        private static string Join(IEnumerable<string> parts) => string.Join('\n', parts);
    }
}
