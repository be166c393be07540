// Drives a Masthead server with Ghost's official Admin API client, @tryghost/admin-api, as a tool built for Ghost
// would: add a post written in HTML, upload an image, edit the post to use it, publish it, read it, delete it; then,
// with an administrator's key, add a page in HTML, edit it and delete it.
// Usage: node ghost-admin-client.js URL ID:SECRET IMAGE PAGES-ID:SECRET; prints what each step answered as JSON.
const GhostAdminAPI = require("@tryghost/admin-api");

async function main() {
  const [url, key, image, pagesKey] = process.argv.slice(2);
  const api = new GhostAdminAPI({ url, key, version: "v6.0" });
  const result = {};

  const added = await api.posts.add(
    { title: "From the Admin API", html: "<p>Written in <em>HTML</em> by a Ghost tool.</p>", tags: [{ name: "Admin API" }] },
    { source: "html" },
  );
  result.added = { id: added.id, status: added.status, html: added.html, tags: added.tags.map((t) => t.slug) };

  const uploaded = await api.images.upload({ file: image, ref: "lead" });
  result.image = uploaded;

  const edited = await api.posts.edit({
    id: added.id,
    updated_at: added.updated_at,
    title: "From the Admin API, edited",
    feature_image: uploaded.url,
    feature_image_alt: "A test image",
  });
  result.edited = { title: edited.title, feature_image: edited.feature_image, status: edited.status };

  const published = await api.posts.edit({ id: added.id, updated_at: edited.updated_at, status: "published" });
  result.published = { status: published.status, url: published.url };

  const read = await api.posts.read({ id: added.id });
  result.read = { title: read.title, status: read.status };

  await api.posts.delete({ id: added.id });
  result.afterDelete = await errorOf(() => api.posts.read({ id: added.id }));

  const pages = new GhostAdminAPI({ url, key: pagesKey, version: "v6.0" });
  const page = await pages.pages.add({ title: "About the Admin API", html: "<p>A page written in <strong>HTML</strong>.</p>" }, { source: "html" });
  result.page = { id: page.id, status: page.status, html: page.html, slug: page.slug };
  const editedPage = await pages.pages.edit({ id: page.id, updated_at: page.updated_at, title: "About the Admin API, edited" });
  result.editedPage = { title: editedPage.title, html: editedPage.html };
  await pages.pages.delete({ id: page.id });
  result.afterPageDelete = await errorOf(() => pages.pages.read({ id: page.id }));

  const site = await api.site.read();
  result.site = site.title;
  process.stdout.write(JSON.stringify(result));
}

// The name of the error a read of a deleted item answers with, or "still there".
async function errorOf(read) {
  try {
    await read();
    return "still there";
  } catch (error) {
    return error.name;
  }
}

main().catch((error) => {
  process.stderr.write(`${error.name}: ${error.message} ${JSON.stringify(error.context ?? "")}\n`);
  process.exit(1);
});
