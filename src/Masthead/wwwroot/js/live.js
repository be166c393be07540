// Live updates for a developing story: applies the story's event stream to the page. Without this script the
// page is complete as of its load; with it, updates arrive as they are posted.
(() => {
  const section = document.querySelector("section.live[data-stream]");
  if (!section || section.dataset.status !== "live" || !("EventSource" in window)) return;

  const list = section.querySelector(".live-updates");
  const newButton = section.querySelector(".live-new");
  const pending = [];
  const lang = document.documentElement.lang || "en";
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });

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
    const time = document.createElement("time");
    time.dateTime = update.posted;
    time.textContent = update.postedText;
    link.append(time);
    meta.append(link, " ");
    const author = document.createElement(update.authorUrl ? "a" : "span");
    author.className = "live-author";
    if (update.authorUrl) author.href = update.authorUrl;
    author.textContent = update.author;
    meta.append(author);
    if (update.key) {
      const mark = document.createElement("span");
      mark.className = "live-key-mark";
      mark.textContent = " Key update";
      meta.append(mark);
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

  function readerIsBelowTop() {
    return list.getBoundingClientRect().top < 0;
  }

  function insert(update) {
    const existing = list.querySelector(`[data-update="${update.id}"]`);
    if (existing) { existing.replaceWith(card(update, true)); return; }
    const item = document.createElement("li");
    item.append(card(update, true));
    list.prepend(item);
    section.querySelector(".live-empty")?.remove();
    refreshTimes();
  }

  function showPending() {
    newButton.textContent = pending.length === 1 ? "1 new update" : `${pending.length} new updates`;
    newButton.hidden = pending.length === 0;
  }

  newButton.addEventListener("click", () => {
    pending.splice(0).forEach(insert);
    showPending();
    list.scrollIntoView({ behavior: "smooth", block: "start" });
  });

  function onUpdate(update) {
    if (readerIsBelowTop()) { pending.push(update); showPending(); }
    else insert(update);
  }

  function onEdit(update) {
    section.querySelectorAll(`[data-update="${update.id}"]`).forEach((element) => element.replaceWith(card(update, !!element.id)));
    const queued = pending.findIndex((p) => p.id === update.id);
    if (queued >= 0) pending[queued] = update;
  }

  function onDelete({ id }) {
    section.querySelectorAll(`[data-update="${id}"]`).forEach((element) => (element.closest("li") ?? element).remove());
    section.querySelector(`.live-key a[href="#update-${id}"]`)?.closest("li")?.remove();
    const queued = pending.findIndex((p) => p.id === id);
    if (queued >= 0) { pending.splice(queued, 1); showPending(); }
  }

  function onPin({ id }) {
    section.querySelector(".live-pinned")?.remove();
    const source = id === null ? null : list.querySelector(`[data-update="${id}"]`);
    if (!source) return;
    const pinned = document.createElement("div");
    pinned.className = "live-pinned";
    const label = document.createElement("p");
    label.className = "live-label";
    label.textContent = "Pinned";
    const copy = source.cloneNode(true);
    copy.removeAttribute("id");
    pinned.append(label, copy);
    section.querySelector(".live-status").after(pinned);
  }

  function onEnded({ ended, endedText }, stream) {
    stream.close();
    section.dataset.status = "ended";
    document.querySelector(".live-badge")?.remove();
    const status = section.querySelector(".live-status");
    status.textContent = "Coverage ended ";
    const time = document.createElement("time");
    time.dateTime = ended;
    time.textContent = endedText;
    status.append(time, ".");
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
      label.textContent = Math.abs(minutes) < 60 ? ` (${relative.format(minutes, "minute")})`
        : Math.abs(minutes) < 1440 ? ` (${relative.format(Math.round(minutes / 60), "hour")})` : "";
    });
  }

  const stream = new EventSource(`${section.dataset.stream}?after=${section.dataset.after}`);
  const handlers = { update: onUpdate, edit: onEdit, delete: onDelete, pin: onPin };
  for (const [type, handle] of Object.entries(handlers)) {
    stream.addEventListener(type, (event) => handle(JSON.parse(event.data)));
  }
  stream.addEventListener("ended", (event) => onEnded(JSON.parse(event.data), stream));
  window.addEventListener("scroll", () => { if (!readerIsBelowTop() && pending.length) newButton.click(); }, { passive: true });
  refreshTimes();
  setInterval(refreshTimes, 30000);
})();
