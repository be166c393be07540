// The site-wide banner: every reader page follows the site's event stream, so a banner an editor raises appears on
// pages already open, and one lowered or expired leaves them, without a reload. Without this script the next page
// load shows the banner as it is then.
(() => {
  const slot = document.querySelector(".banner-slot[data-stream]");
  if (!slot || !("EventSource" in window)) return;

  let expiry = null;

  function render(banner) {
    const aside = document.createElement("aside");
    aside.className = "site-banner";
    aside.setAttribute("aria-label", "News alert");
    const line = document.createElement("p");
    const label = document.createElement("strong");
    label.className = "site-banner-label";
    label.textContent = banner.label;
    const text = document.createElement(banner.path ? "a" : "span");
    text.className = "site-banner-text";
    text.textContent = banner.text;
    if (banner.path) text.href = banner.path;
    line.append(label, " ", text);
    aside.append(line);
    return aside;
  }

  function show(banner) {
    slot.dataset.banner = banner ? String(banner.id) : "0";
    if (banner) slot.replaceChildren(render(banner));
    else slot.replaceChildren();
    takeDownAt(banner?.expires);
  }

  // The server says so too at the expiry; this keeps a page whose stream is reconnecting from showing it late.
  function takeDownAt(expires) {
    clearTimeout(expiry);
    const left = expires ? Date.parse(expires) - Date.now() : NaN;
    if (left >= 0 && left < 2 ** 31 - 1) expiry = setTimeout(() => show(null), left);
  }

  takeDownAt(slot.dataset.expires);
  const stream = new EventSource(`${slot.dataset.stream}?banner=${encodeURIComponent(slot.dataset.banner || "0")}`);
  stream.addEventListener("banner", (event) => show(JSON.parse(event.data)));
  stream.addEventListener("lowered", () => show(null));
})();
