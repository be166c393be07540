// Parses one feed URL with two independent parsers and prints what each understood, as JSON:
//   node parse-feed.js http://127.0.0.1:5080/feed.xml
const Parser = require("rss-parser");
const FeedParser = require("feedparser");

async function withRssParser(xml) {
  const feed = await new Parser().parseString(xml);
  return {
    title: feed.title,
    link: feed.link,
    items: feed.items.map((i) => ({ title: i.title, link: i.link, date: i.isoDate, author: i.creator ?? i.author ?? null })),
  };
}

function withFeedParser(xml) {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser();
    const items = [];
    let meta = null;
    parser.on("error", reject);
    parser.on("meta", (m) => (meta = m));
    parser.on("readable", function () {
      let item;
      while ((item = this.read())) {
        items.push({ title: item.title, link: item.link, date: item.pubdate && item.pubdate.toISOString(), author: item.author });
      }
    });
    parser.on("end", () => resolve({ title: meta && meta.title, link: meta && meta.link, items }));
    parser.end(xml);
  });
}

(async () => {
  const response = await fetch(process.argv[2]);
  const xml = await response.text();
  console.log(JSON.stringify({ rssParser: await withRssParser(xml), feedparser: await withFeedParser(xml) }));
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
