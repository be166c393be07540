// Live updates for a developing story: applies the story's event stream to the page. Without this script the
// page is complete as of its load; with it, updates arrive as they are posted.
(() => {
  const section = document.querySelector("section.live[data-stream]");
  if (!section) return;

  const list = section.querySelector(".live-updates");
  const newButton = section.querySelector(".live-new");
  const pending = [];
  const lang = document.documentElement.lang || "en";
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });

  function timeElement(iso, text) {
    const time = document.createElement("time");
    time.dateTime = iso;
    time.textContent = text;
    return time;
  }

  function card(update, withAnchor) {
    const article = document.createElement("article");
    article.className = "live-update" + (update.key ? " live-update-key" : "");
    article.dataset.update = update.id;
    if (withAnchor) article.id = "update-" + update.id;
    const meta = document.createElement("p");
    meta.className = "live-meta";
    const link = document.createElement("a");
    link.className = "live-time";
    link.href = "#update-" + update.id;
    link.append(timeElement(update.posted, update.postedText));
    const author = document.createElement(update.authorUrl ? "a" : "span");
    author.className = "live-author";
    if (update.authorUrl) author.href = update.authorUrl;
    author.textContent = update.author;
    meta.append(link, author);
    if (update.key) {
      const mark = document.createElement("span");
      mark.className = "live-key-mark";
      mark.textContent = "Key update";
      meta.append(mark);
    }
    if (update.edited) {
      const edited = document.createElement("span");
      edited.className = "live-edited";
      edited.append("Edited ", timeElement(update.edited, update.editedText));
      meta.append(edited);
    }
    article.append(meta);
    if (update.title) {
      const title = document.createElement("h3");
      title.className = "live-title";
      title.textContent = update.title;
      article.append(title);
    }
    const body = document.createElement("div");
    body.className = "live-body";
    body.innerHTML = update.html; // sanitized on the server when the update was saved
    article.append(body);
    return article;
  }

  // The key-updates list, newest first like the updates; created when the first key update arrives.
  function keyList(create) {
    let nav = section.querySelector("nav.live-key");
    if (!nav && create) {
      nav = document.createElement("nav");
      nav.className = "live-key";
      nav.setAttribute("aria-label", "Key updates");
      const label = document.createElement("p");
      label.className = "live-label";
      label.textContent = "Key updates";
      nav.append(label, document.createElement("ul"));
      (section.querySelector(".live-pinned") ?? section.querySelector(".live-status")).after(nav);
    }
    return nav?.querySelector("ul") ?? null;
  }

  function removeKey(id) {
    section.querySelector(`.live-key a[href="#update-${id}"]`)?.closest("li")?.remove();
    const keys = keyList(false);
    if (keys && !keys.children.length) keys.closest("nav").remove();
  }

  function syncKey(update) {
    if (!update.key) { removeKey(update.id); return; }
    const text = update.title || update.postedText;
    const existing = section.querySelector(`.live-key a[href="#update-${update.id}"]`);
    if (existing) { existing.textContent = text; return; }
    const item = document.createElement("li");
    item.dataset.posted = update.posted;
    const link = document.createElement("a");
    link.href = "#update-" + update.id;
    link.textContent = text;
    item.append(link);
    const keys = keyList(true);
    const posted = Date.parse(update.posted);
    keys.insertBefore(item, [...keys.children].find((li) => Date.parse(li.dataset.posted) <= posted) ?? null);
  }

  function readerIsBelowTop() {
    return list.getBoundingClientRect().top < 0;
  }

  function shownCard(id) {
    return list.querySelector(`[data-update="${id}"]`);
  }

  function insert(update) {
    const existing = shownCard(update.id);
    if (existing) existing.replaceWith(card(update, true));
    else {
      const item = document.createElement("li");
      item.append(card(update, true));
      list.prepend(item);
    }
    section.querySelector(".live-empty")?.remove();
    syncKey(update);
    refreshTimes();
  }

  function showPending() {
    newButton.textContent = pending.length === 1 ? "1 new update" : `${pending.length} new updates`;
    newButton.hidden = pending.length === 0;
  }

  function insertPending() {
    pending.splice(0).forEach(insert);
    showPending();
  }

  newButton.addEventListener("click", () => {
    insertPending();
    list.scrollIntoView({ behavior: "smooth", block: "start" });
  });

  function onUpdate(update) {
    const queued = pending.findIndex((p) => p.id === update.id);
    if (queued >= 0) pending[queued] = update;
    else if (shownCard(update.id)) onEdit(update); // replayed after a reconnect: already on the page
    else if (readerIsBelowTop()) { pending.push(update); showPending(); }
    else insert(update);
  }

  function onEdit(update) {
    section.querySelectorAll(`[data-update="${update.id}"]`).forEach((element) => element.replaceWith(card(update, !!element.id)));
    const queued = pending.findIndex((p) => p.id === update.id);
    if (queued >= 0) pending[queued] = update;
    else if (shownCard(update.id)) syncKey(update);
    refreshTimes();
  }

  function onDelete({ id }) {
    section.querySelectorAll(`[data-update="${id}"]`).forEach((element) => (element.closest("li") ?? element).remove());
    const pinned = section.querySelector(".live-pinned");
    if (pinned && !pinned.querySelector(".live-update")) pinned.remove(); // deleting the pinned update unpins it
    removeKey(id);
    const queued = pending.findIndex((p) => p.id === id);
    if (queued >= 0) { pending.splice(queued, 1); showPending(); }
  }

  function onPin({ id }) {
    section.querySelector(".live-pinned")?.remove();
    if (id === null) return;
    const queued = pending.find((p) => p.id === id);
    const copy = queued ? card(queued, false) : shownCard(id)?.cloneNode(true);
    if (!copy) return;
    copy.removeAttribute("id");
    const pinned = document.createElement("div");
    pinned.className = "live-pinned";
    const label = document.createElement("p");
    label.className = "live-label";
    label.textContent = "Pinned";
    pinned.append(label, copy);
    section.querySelector(".live-status").after(pinned);
    refreshTimes();
  }

  function setStatus(...content) {
    const span = document.createElement("span");
    span.append(...content);
    section.querySelector(".live-status").replaceChildren(span);
  }

  // A replay from before an end can carry a "resumed" right after the "ended", so the stream is closed a moment
  // later, and only if coverage is still over; closing it at all spares the server every reader's reconnect.
  function onEnded({ ended, endedText }) {
    section.dataset.status = "ended";
    document.querySelector(".live-badge")?.remove();
    setStatus("Coverage ended ", timeElement(ended, endedText), ".");
    setTimeout(() => { if (section.dataset.status === "ended") stream?.close(); }, 1000);
  }

  function onResumed({ started, startedText }) {
    section.dataset.status = "live";
    if (!document.querySelector(".live-badge")) {
      const badge = document.createElement("p");
      badge.className = "live-badge";
      const label = document.createElement("span");
      label.textContent = "Live";
      badge.append(label);
      document.querySelector(".article-headline")?.before(badge);
    }
    setStatus("Coverage is live. Started ", timeElement(started, startedText), "; new updates appear here as they are posted.");
  }

  function refreshTimes() {
    const now = Date.now();
    section.querySelectorAll(".live-time time").forEach((time) => {
      const minutes = Math.round((Date.parse(time.dateTime) - now) / 60000);
      let label = time.parentElement.querySelector(".live-ago");
      if (!label) {
        label = document.createElement("span");
        label.className = "live-ago";
        time.after(label);
      }
      const [value, unit] = Math.abs(minutes) < 60 ? [minutes, "minute"]
        : Math.abs(minutes) < 1440 ? [Math.round(minutes / 60), "hour"]
        : [Math.round(minutes / 1440), "day"];
      label.textContent = ` (${relative.format(value, unit)})`;
    });
  }

  refreshTimes();
  setInterval(refreshTimes, 30000);
  if (section.dataset.status !== "live" || !("EventSource" in window)) return;

  const handlers = { update: onUpdate, edit: onEdit, delete: onDelete, pin: onPin, ended: onEnded, resumed: onResumed };
  let stream = null;
  let lastId = section.dataset.after;
  let failures = 0;
  const streamUrl = () => `${section.dataset.stream}?after=${lastId}`;

  function connect() {
    const source = new EventSource(streamUrl());
    for (const [type, handle] of Object.entries(handlers)) {
      source.addEventListener(type, (event) => {
        if (event.lastEventId) lastId = event.lastEventId;
        handle(JSON.parse(event.data));
      });
    }
    source.addEventListener("open", () => { failures = 0; });
    source.addEventListener("error", () => { if (source.readyState === EventSource.CLOSED) reconnectLater(); });
    stream = source;
  }

  // EventSource retries by itself only after a dropped connection; any answer but 200 (a 502 from the proxy while
  // the site restarts) closes it for good. Try again, later each time and at a random moment, so that a crowd of
  // readers does not come back all at once; stop when the story is gone (404) or its coverage has ended.
  function reconnectLater() {
    if (section.dataset.status !== "live") return;
    const wait = Math.min(30000, 2000 * 2 ** failures++);
    setTimeout(async () => {
      try {
        const probe = new AbortController();
        const response = await fetch(streamUrl(), { cache: "no-store", signal: probe.signal });
        probe.abort();
        if ([204, 404, 410].includes(response.status)) return;
        if (!response.ok) { reconnectLater(); return; }
      } catch {
        reconnectLater();
        return;
      }
      connect();
    }, wait / 2 + Math.random() * wait / 2);
  }

  connect();
  window.addEventListener("scroll", () => { if (!readerIsBelowTop() && pending.length) insertPending(); }, { passive: true });
})();
