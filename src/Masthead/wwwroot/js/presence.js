// Article editor: who else has the article open now ("Tobias Wren is editing"), and what colleagues do to it
// meanwhile, from the article's presence stream. The page is counted present for as long as the stream is open.
(() => {
  const region = document.querySelector("[data-presence]");
  if (!region || !window.EventSource) {
    return;
  }
  const editors = region.querySelector(".presence-editors");
  const saved = region.querySelector(".presence-saved");
  const notes = region.querySelector(".presence-notes");

  // The same words as the server's Ago.Since.
  const ago = (iso) => {
    const minutes = Math.round((Date.now() - Date.parse(iso)) / 60000);
    if (minutes < 1) {
      return "just now";
    }
    if (minutes < 60) {
      return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
    }
    const hours = Math.round(minutes / 60);
    return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
  };
  const since = (iso) => Object.assign(document.createElement("time"), { dateTime: iso, textContent: ago(iso) });

  const show = (present) => {
    editors.replaceChildren(...present.map((editor) => {
      const item = document.createElement("li");
      const name = document.createElement("strong");
      name.textContent = editor.name;
      const time = since(editor.since);
      time.dataset.since = "";
      item.append(name, " is editing · opened ", time);
      return item;
    }));
    editors.hidden = present.length === 0;
  };
  window.setInterval(() => {
    region.querySelectorAll("time[data-since]").forEach((time) => { time.textContent = ago(time.dateTime); });
  }, 30000);

  const reload = () => Object.assign(document.createElement("a"), { href: location.pathname, textContent: "Reload to see them" });
  const stream = new EventSource(region.dataset.presence);
  stream.addEventListener("presence", (event) => show(JSON.parse(event.data).editors));
  stream.addEventListener("saved", (event) => {
    saved.textContent = JSON.parse(event.data).message;
    saved.hidden = false;
  });
  stream.addEventListener("notes", (event) => {
    notes.replaceChildren(`${JSON.parse(event.data).message} `, reload());
    notes.hidden = false;
  });
  // Leaving the page (a form sent, a link followed) ends the visit at once rather than when the connection drops.
  document.addEventListener("submit", (event) => { if (!event.defaultPrevented) stream.close(); });
  window.addEventListener("pagehide", () => stream.close());
})();
