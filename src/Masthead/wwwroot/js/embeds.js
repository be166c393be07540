// Click-to-load embeds. Each embed in a body is a link to the provider, shaped like its player (figure.embed, see
// Core/Text/Blocks): nothing is requested from the provider until the reader asks for it. Then the provider's frame,
// named by data-embed-src, takes the link's place in the same box, so nothing moves. Without this script the link
// simply opens the provider's page. Clicks are handled on the document, so embeds that arrive later (a live
// update) work too.
(() => {
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("figure.embed > a.embed-load") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const figure = link.parentElement;
    let src;
    try {
      src = new URL(figure.dataset.embedSrc || "");
    } catch {
      return;
    }
    if (src.protocol !== "https:") return;
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.className = "embed-frame";
    frame.title = figure.dataset.embedTitle || link.textContent.trim();
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture; clipboard-write";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation allow-forms");
    frame.src = src.href;
    link.replaceWith(frame);
    figure.classList.add("embed-loaded");
    frame.focus();
  });
})();
