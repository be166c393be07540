// Reads a Masthead publication with Ghost's official Content API client and prints what it got, as JSON:
//   node ghost-client.js http://127.0.0.1:5080 0123456789abcdef0123456789
const GhostContentAPI = require("@tryghost/content-api");

const [url, key] = process.argv.slice(2);
const api = new GhostContentAPI({ url, key, version: "v5.0" });

const summary = (post) => ({
  id: post.id,
  slug: post.slug,
  title: post.title,
  url: post.url,
  published_at: post.published_at,
  authors: post.authors && post.authors.map((a) => a.slug),
  tags: post.tags && post.tags.map((t) => t.slug),
  primary_author: post.primary_author && post.primary_author.slug,
  primary_tag: post.primary_tag && post.primary_tag.slug,
  has_html: typeof post.html === "string" && post.html.length > 0,
});

async function failure(request) {
  try {
    await request();
    return null;
  } catch (error) {
    return { name: error.name, message: error.message, status: error.response && error.response.status };
  }
}

(async () => {
  const result = {};

  const first = await api.posts.browse({ limit: 5, include: ["authors", "tags"] });
  result.browse = { meta: first.meta, posts: first.map(summary) };

  // Every post, page by page, following meta.pagination.next as a static-site generator does.
  result.paged = [];
  for (let page = 1; page; ) {
    const posts = await api.posts.browse({ limit: 10, page, fields: "id,slug" });
    result.paged.push(...posts.map((p) => p.slug));
    page = posts.meta.pagination.next;
  }

  result.bySlug = summary(await api.posts.read({ slug: first[0].slug }, { include: "authors,tags" }));
  result.byId = summary(await api.posts.read({ id: first[1].id }));
  result.filtered = (await api.posts.browse({ filter: "tag:politics", limit: "all" })).map((p) => p.slug);
  result.authors = (await api.authors.browse({ include: "count.posts", limit: "all" })).map((a) => ({ slug: a.slug, name: a.name, posts: a.count.posts }));
  result.author = (await api.authors.read({ slug: result.authors[0].slug })).name;
  result.tags = (await api.tags.browse({ limit: "all" })).map((t) => t.slug);
  result.tag = (await api.tags.read({ slug: "politics" })).name;
  result.pages = (await api.pages.browse()).map((p) => p.slug);
  result.page = (await api.pages.read({ slug: result.pages[0] })).title;
  const settings = await api.settings.browse();
  result.settings = { title: settings.title, url: settings.url, navigation: settings.navigation.map((n) => n.label) };

  // The versioned addresses older sites are configured with.
  const legacy = new GhostContentAPI({ url, key, version: "v3" });
  result.legacy = (await legacy.posts.browse({ limit: 2 })).map((p) => p.slug);

  result.missing = await failure(() => api.posts.read({ slug: "no-such-story" }));
  result.badKey = await failure(() => new GhostContentAPI({ url, key: "ffffffffffffffffffffffffff", version: "v5.0" }).posts.browse());
  result.badFilter = await failure(() => api.posts.browse({ filter: "colour:blue" }));

  console.log(JSON.stringify(result));
})().catch((error) => {
  console.error(error.stack || error.message);
  process.exit(1);
});
