using Masthead.Banner;
using Masthead.Caching;
using Masthead.ContentApi;
using Masthead.Core.Articles;
using Masthead.Core.Banner;
using Masthead.Core.ContentApi;
using Masthead.Core.Events;
using Masthead.Core.FrontPage;
using Masthead.Core.Media;
using Masthead.Core.Publication;
using Masthead.Core.SignIn;
using Masthead.Core.SiteData;
using Masthead.Live;
using Masthead.Mail;
using Masthead.Newsroom.Presence;

namespace Masthead.Hosting;

/// <summary>
/// What happens after a change: every event and what reacts to it, in the order the reactions run.
/// <para>
/// Core services raise events on the unit of work (<c>MastheadDb.Raise</c>); they are dispatched once, when the
/// outermost transaction commits, and never for a change rolled back (Core/Events/ChangeEventInterceptor.cs). Each
/// reaction runs on the node where the change was made and then, replayed from Redis, on every other node
/// (ScaleOut/RedisEventRelay.cs), so a feature that reacts to a change is written once and works on every node.
/// Caches are cleared before pages are evicted, so a page rendered again reads fresh data.
/// </para>
/// </summary>
internal static class ChangeReactions
{
    public static void Register(ChangeEventRegistry on) => on

        // An article was created, edited, published, scheduled, unpublished or corrected.
        .Clears<ArticleChanged, PublishedCounts>()     // counts behind paging and the Content API's totals
        .Clears<ArticleChanged, NewestInList>()        // the lists related stories are chosen from
        .Clears<ArticleChanged, RelatedChoices>()      // and the related stories chosen from them
        .Clears<ArticleChanged, FrontPageContentCache>() // the front page's stories
        .Clears<ArticleChanged, NewestPosts>()         // the Content API's newest posts
        .On<ArticleChanged, OutputCacheEviction>()     // its page, the front page, its section, tag and author pages, corrections
        .On<ArticleChanged, ContentApiCacheEviction>() // every Content API answer
        .On<ArticleChanged, LiveReaders>()             // an unpublished live story's open streams end
        .On<ArticleChanged, PresenceReactions>()       // its open editors: someone else saved it or took a step

        // An article's editorial notes changed: only its open editors are told, as readers never see the notes.
        .On<EditorialNotesChanged, PresenceReactions>()

        // Settings, a section, a tag, a staff profile, a static page or a menu changed: every page may show it.
        .Clears<SiteChanged, PublicationCache>()
        .Clears<SiteChanged, SiteDataCache>()          // sections, pages, staff, tags and menus held for reader pages
        .Clears<SiteChanged, NewestInList>()           // a tag or section merged or removed changes its list
        .Clears<SiteChanged, RelatedChoices>()         // and what is related
        .Clears<SiteChanged, FrontPageContentCache>()  // its section blocks and bylines
        .Clears<SiteChanged, NewestPosts>()            // their authors and tags
        .On<SiteChanged, OutputCacheEviction>()        // every page and Content API answer

        // A live story changed: its page first, so a reader who loads it now sees the update; then open pages get it.
        .Clears<LiveChanged, FrontPageContentCache>(change => change.CoverageChanged) // LIVE badges; an update shows on no card
        .Clears<LiveChanged, NewestPosts>()            // a developing story's updates
        .On<LiveChanged, OutputCacheEviction>()        // the story's page; every page when coverage starts or ends (LIVE badges)
        .On<LiveChanged, ContentApiCacheEviction>()
        .On<LiveChanged, LiveReaders>()                // the event to the story's readers connected to this node

        // A media-library item was replaced, deleted or described anew: its files and words may be on any page.
        .Clears<MediaChanged, MediaCatalog>()          // items by key, for pages and for serving their addresses
        .On<MediaChanged, OutputCacheEviction>()       // every page and Content API answer, when readers see the item

        // Editors saved the front page, or a story's time there ran out: the front page and the featured posts change.
        .Clears<FrontPageChanged, FrontPageCache>()    // the chosen stories and blocks held for the front page
        .Clears<FrontPageChanged, FrontPageContentCache>() // and the front page built from them
        .Clears<FrontPageChanged, NewestPosts>()       // featured
        .On<FrontPageChanged, OutputCacheEviction>()   // the front page
        .On<FrontPageChanged, ContentApiCacheEviction>() // every Content API answer: posts carry featured

        // The site banner was raised, replaced or lowered (here, or as a linked story was unpublished or its coverage ended).
        .Clears<BannerChanged, BannerCache>()
        .On<BannerChanged, OutputCacheEviction>()      // every reader page: each shows the banner
        .On<BannerChanged, BannerReaders>()            // every open page on this node, through the site-wide stream

        .Clears<ContentApiKeyRevoked, ContentApiKeyCache>() // the key stops working at once
        .Clears<StaffSessionsEnded, StaffSessionCache>()    // the session is refused from the next request on

        // Messages were queued: this node's sender wakes to deliver them now (each is claimed, so one node sends it).
        .On<MailQueued, WakeOutboxSender>()

        // A newsletter issue or an alert is waiting: this node's queuer wakes to share the batches (each is claimed).
        .On<NewsletterSendCreated, Newsletters.WakeNewsletterQueuer>()
        // An import wrote part of an archive: articles, pages, sections, tags, staff and media may be on any page.
        .Clears<ArchiveImported, PublishedCounts>()
        .Clears<ArchiveImported, NewestInList>()
        .Clears<ArchiveImported, RelatedChoices>()
        .Clears<ArchiveImported, PublicationCache>()
        .Clears<ArchiveImported, SiteDataCache>()
        .Clears<ArchiveImported, FrontPageContentCache>()
        .Clears<ArchiveImported, NewestPosts>()
        .Clears<ArchiveImported, MediaCatalog>()
        .On<ArchiveImported, OutputCacheEviction>()    // every cached page and answer

        // This node may have missed other nodes' events (it was cut off from Redis): read everything again.
        .Clears<ChangesMissed, PublishedCounts>()
        .Clears<ChangesMissed, NewestInList>()
        .Clears<ChangesMissed, RelatedChoices>()
        .Clears<ChangesMissed, PublicationCache>()
        .Clears<ChangesMissed, SiteDataCache>()
        .Clears<ChangesMissed, FrontPageCache>()
        .Clears<ChangesMissed, FrontPageContentCache>()
        .Clears<ChangesMissed, NewestPosts>()
        .Clears<ChangesMissed, ContentApiKeyCache>()
        .Clears<ChangesMissed, MediaCatalog>()
        .Clears<ChangesMissed, StaffSessionCache>()
        .Clears<ChangesMissed, BannerCache>()
        .On<ChangesMissed, OutputCacheEviction>()      // every cached page and answer
        .On<ChangesMissed, LiveReaders>()              // readers of live stories catch up from the database
        .On<ChangesMissed, BannerReaders>();           // open pages get the banner as it is now
}
