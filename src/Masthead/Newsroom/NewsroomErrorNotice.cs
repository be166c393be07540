namespace Masthead.Newsroom;

/// <summary>What an error under /newsroom shows inside the newsroom's layout: what happened, and the way back.</summary>
/// <param name="ArticleEditor">The editor of the article the error happened on, when it happened on one that exists.</param>
public sealed record NewsroomErrorNotice(string Heading, string Explanation, string? ArticleEditor);
