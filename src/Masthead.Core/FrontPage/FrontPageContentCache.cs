using Masthead.Core.Caching;

namespace Masthead.Core.FrontPage;

/// <summary>
/// The front page as readers see it, built from the saved curation (<see cref="FrontPageQueries.CurrentAsync"/>), held
/// until an article, the site, the front page or a live story changes anywhere: those are the only changes it shows,
/// and building it reads about fifty articles in a union of one part per section.
/// </summary>
public sealed class FrontPageContentCache : ClearableValue<FrontPageContent>;
