using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Core.Pages;
using Masthead.Core.People;

namespace Masthead.Core.Demo;

/// <summary>The demo publication, read from the JSON and Markdown files embedded beside this class.</summary>
internal sealed record DemoContent(
    DemoPublicationInfo Publication,
    List<DemoStaff> Staff,
    List<DemoSection> Sections,
    List<DemoTag> Tags,
    List<DemoArticle> Articles,
    List<DemoPage> Pages,
    DemoLiveStory? Live)
{
    private const string ResourcePrefix = "Masthead.Demo.";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static DemoContent Load()
    {
        using var stream = Open("publication.json");
        return JsonSerializer.Deserialize<DemoContent>(stream, Json)
            ?? throw new InvalidOperationException("The demo publication is empty.");
    }

    public static string Body(string slug)
    {
        using var reader = new StreamReader(Open($"articles/{slug}.md"));
        return reader.ReadToEnd();
    }

    public static string PageBody(string slug)
    {
        using var reader = new StreamReader(Open($"pages/{slug}.md"));
        return reader.ReadToEnd();
    }

    private static Stream Open(string name) =>
        typeof(DemoContent).Assembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException($"The demo file {name} is missing from the build.");
}

internal sealed record DemoPublicationInfo(
    string Name, string Tagline, string ContactPrompt, string ContactEmail, string Description, string Language, string TimeZone, string? LogoUrl);

internal sealed record DemoStaff(string Slug, string Name, string JobTitle, string Bio, string? PhotoUrl, string? PublicEmail, NewsroomRole Role);

internal sealed record DemoSection(string Slug, string Name, string Description);

internal sealed record DemoTag(string Slug, string Name);

internal sealed record DemoPage(string Slug, string Title, StaticPageRole Role);

internal sealed record DemoImage(string Url, string Alt, string? Caption, string? Credit);

internal sealed record DemoArticle(
    string Slug,
    string Headline,
    string Standfirst,
    string Section,
    List<string> Tags,
    List<string> Authors,
    double PublishedHoursAgo,
    double? UpdatedHoursAgo,
    DemoImage? LeadImage);

internal sealed record DemoLiveStory(string Story, double StartedHoursAgo, List<DemoLiveUpdate> Updates);

internal sealed record DemoLiveUpdate(double MinutesAgo, string Author, string? Title, string Body, bool Key, bool Pinned);
