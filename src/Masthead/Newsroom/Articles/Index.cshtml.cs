using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>Every article in the newsroom, most recently changed first, optionally in one state.</summary>
public sealed class ArticleDeskPage(NewsroomQueries queries) : NewsroomPage
{
    public const int PageSize = 25;

    /// <summary>The filters in the order the page offers them, with the query value each uses.</summary>
    public static readonly IReadOnlyList<(string Value, ArticleStatus Status)> Filters =
        Enum.GetValues<ArticleStatus>().Select(s => (s.ToString().ToLowerInvariant(), s)).ToList();

    public ArticleStatus? Status { get; private set; }

    /// <summary>Only the articles the signed-in person started or is bylined on (?mine=true), as the dashboard counts them.</summary>
    public bool Mine { get; private set; }

    public Page<DeskArticle> Articles { get; private set; } = null!;

    // "page" is also the route value naming the Razor page itself, hence the explicit query binding.
    public async Task OnGetAsync(string? status, bool mine = false, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Status = Filters.FirstOrDefault(f => f.Value == status?.ToLowerInvariant()) is { Value: not null } match ? match.Status : null;
        Mine = mine;
        Articles = await queries.ListAsync(Status, Math.Max(1, pageNumber), PageSize, Mine ? Actor.StaffId : null, cancellationToken);
    }

    public string FilterPath(ArticleStatus? status) => ListPath(status, 1);

    public string PagePath(int page) => ListPath(Status, page);

    private string ListPath(ArticleStatus? state, int page)
    {
        var query = new List<string>();
        if (state is { } status)
        {
            query.Add("status=" + status.ToString().ToLowerInvariant());
        }

        if (Mine)
        {
            query.Add("mine=true");
        }

        if (page > 1)
        {
            query.Add($"page={page}");
        }

        return "/newsroom/articles" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
