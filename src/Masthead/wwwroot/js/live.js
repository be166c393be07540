// Live updates for a developing story: applies the story's event stream to the page. Without this script the
// page is complete as of its load; with it, updates arrive as they are posted, and the latest (or pinned) update
// and the key events at the top follow them.
(() => {
  const section = document.querySelector("section.live[data-stream]");
  if (!section) return;

  const list = section.querySelector(".live-updates");
  const newButton = section.querySelector(".live-new");
  const lead = document.querySelector(".live-lead");
  const oldestFirst = section.dataset.order === "oldest";
  const pending = [];
  let pinnedId = lead?.dataset.pinned ? Number(lead.dataset.pinned) : null;
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
    const posted = timeElement(update.posted, update.postedText);
    if (update.postedTime) posted.dataset.short = update.postedTime;
    link.append(posted);
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

  function shownCard(id) {
    return list.querySelector(`[data-update="${id}"]`);
  }

  // The newest update on the list: first when it runs newest first, last when oldest first.
  function newestShown() {
    const items = list.children;
    const item = oldestFirst ? items[items.length - 1] : items[0];
    return item?.querySelector(".live-update") ?? null;
  }

  // The top of the page shows the pinned update, or else the newest, as a copy without the list's anchor.
  function showLead() {
    if (!lead) return;
    const queued = pending.find((p) => p.id === pinnedId);
    const pinned = pinnedId === null ? null : (shownCard(pinnedId) ?? (queued ? card(queued, false) : null));
    const shown = pinned ?? newestShown();
    lead.querySelector("#live-lead-heading").textContent = pinned ? "Pinned" : "Latest update";
    lead.dataset.pinned = pinned ? String(pinnedId) : "";
    const slot = lead.querySelector(".live-lead-update");
    if (!shown) {
      const empty = document.createElement("p");
      empty.className = "empty live-empty";
      empty.textContent = "No updates yet.";
      slot.replaceChildren(empty);
    } else {
      const copy = shown.cloneNode(true);
      copy.removeAttribute("id");
      slot.replaceChildren(copy);
    }
    showLatest(pinned ? newestShown() : null);
    const count = list.children.length;
    const jump = lead.querySelector(".live-jump");
    jump.querySelector(".live-count").textContent = String(count);
    jump.hidden = count < 2;
  }

  // Under a pinned update, a line with the newest one, so the newest news is still on the first screen.
  function showLatest(newest) {
    let line = lead.querySelector(".live-latest");
    if (!newest || newest.dataset.update === String(pinnedId)) {
      line?.remove();
      return;
    }
    if (!line) {
      line = document.createElement("p");
      line.className = "live-latest";
      lead.prepend(line);
    }
    const label = document.createElement("span");
    label.className = "live-label";
    label.textContent = "Latest";
    const link = document.createElement("a");
    link.href = "#update-" + newest.dataset.update;
    const posted = newest.querySelector(".live-time time");
    const title = document.createElement("span");
    title.className = "live-latest-title";
    const text = (newest.querySelector(".live-title") ?? newest.querySelector(".live-body")).textContent.trim().replace(/\s+/g, " ");
    title.textContent = text.length > 100 ? text.slice(0, 99).replace(/\s+\S*$/, "") + "…" : text;
    link.append(timeElement(posted.dateTime, posted.dataset.short ?? posted.textContent), " ", title);
    line.replaceChildren(label, " ", link);
  }

  // The key events, in the order of the updates; created when the first key update arrives.
  function keyList(create) {
    let nav = lead?.querySelector("nav.live-key");
    if (!nav && create && lead) {
      nav = document.createElement("nav");
      nav.className = "live-key";
      nav.setAttribute("aria-labelledby", "key-events-heading");
      const heading = document.createElement("h2");
      heading.id = "key-events-heading";
      heading.className = "live-label";
      heading.textContent = "Key events";
      nav.append(heading, document.createElement("ol"));
      lead.querySelector(".live-jump").before(nav);
    }
    return nav?.querySelector("ol") ?? null;
  }

  function removeKey(id) {
    lead?.querySelector(`.live-key a[href="#update-${id}"]`)?.closest("li")?.remove();
    const keys = keyList(false);
    if (keys && !keys.children.length) keys.closest("nav").remove();
  }

  function headlineOf(update) {
    if (update.headline) return update.headline;
    if (update.title) return update.title;
    const text = new DOMParser().parseFromString(update.html, "text/html").body.textContent.trim().replace(/\s+/g, " ");
    return text.length > 80 ? text.slice(0, 79).replace(/\s+\S*$/, "") + "…" : text;
  }

  // A key event's time alone when it is on the newest update's day, as the page has it; else its date too. Times are
  // ISO with the publication's offset, so their first ten characters are its local date.
  function keyTime(update) {
    const newestDay = newestShown()?.querySelector(".live-time time")?.getAttribute("datetime")?.slice(0, 10);
    return update.postedTime && update.posted.slice(0, 10) === newestDay ? update.postedTime : update.postedText;
  }

  function syncKey(update) {
    if (!update.key) { removeKey(update.id); return; }
    const existing = lead?.querySelector(`.live-key a[href="#update-${update.id}"] .live-key-title`);
    if (existing) { existing.textContent = headlineOf(update); return; }
    const keys = keyList(true);
    if (!keys) return;
    const item = document.createElement("li");
    item.dataset.posted = update.posted;
    const link = document.createElement("a");
    link.href = "#update-" + update.id;
    const title = document.createElement("span");
    title.className = "live-key-title";
    title.textContent = headlineOf(update);
    link.append(timeElement(update.posted, keyTime(update)), " ", title);
    item.append(link);
    const posted = Date.parse(update.posted);
    const before = [...keys.children].find((li) => oldestFirst ? Date.parse(li.dataset.posted) > posted : Date.parse(li.dataset.posted) <= posted);
    keys.insertBefore(item, before ?? null);
  }

  function readerIsBelowTop() {
    return list.getBoundingClientRect().top < 0;
  }

  function insert(update) {
    const existing = shownCard(update.id);
    if (existing) existing.replaceWith(card(update, true));
    else {
      const item = document.createElement("li");
      item.append(card(update, true));
      if (oldestFirst) list.append(item);
      else list.prepend(item);
    }
    document.querySelectorAll(".live-empty").forEach((empty) => empty.remove());
    syncKey(update);
    showLead();
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
    const target = oldestFirst ? newestShown() : list;
    target?.scrollIntoView({ behavior: "smooth", block: "start" });
  });

  function onUpdate(update) {
    const queued = pending.findIndex((p) => p.id === update.id);
    if (queued >= 0) pending[queued] = update;
    else if (shownCard(update.id)) onEdit(update); // replayed after a reconnect: already on the page
    else if (readerIsBelowTop()) { pending.push(update); showPending(); }
    else insert(update);
  }

  function onEdit(update) {
    list.querySelectorAll(`[data-update="${update.id}"]`).forEach((element) => element.replaceWith(card(update, !!element.id)));
    const queued = pending.findIndex((p) => p.id === update.id);
    if (queued >= 0) pending[queued] = update;
    else if (shownCard(update.id)) syncKey(update);
    showLead();
    refreshTimes();
  }

  function onDelete({ id }) {
    list.querySelectorAll(`[data-update="${id}"]`).forEach((element) => (element.closest("li") ?? element).remove());
    if (pinnedId === id) pinnedId = null; // deleting the pinned update unpins it
    removeKey(id);
    const queued = pending.findIndex((p) => p.id === id);
    if (queued >= 0) { pending.splice(queued, 1); showPending(); }
    showLead();
  }

  function onPin({ id }) {
    pinnedId = id;
    showLead();
    refreshTimes();
  }

  function setStatus(...content) {
    const span = document.createElement("span");
    span.append(...content);
    section.querySelector(".live-status").replaceChildren(span);
  }

  // Said only once the stream is open: a page without it must not promise that updates arrive by themselves.
  function promiseUpdates() {
    const refresh = section.querySelector(".live-refresh");
    if (refresh) refresh.textContent = "New updates appear here as they are posted.";
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
    setStatus("Coverage is live. Started ", timeElement(started, startedText), ". ");
    const refresh = document.createElement("span");
    refresh.className = "live-refresh";
    section.querySelector(".live-status").append(refresh);
    promiseUpdates();
  }

  function refreshTimes() {
    const now = Date.now();
    document.querySelectorAll(".live-lead .live-time time, section.live .live-time time").forEach((time) => {
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
    source.addEventListener("open", () => { failures = 0; promiseUpdates(); });
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
