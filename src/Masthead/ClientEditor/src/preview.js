// The preview beside the text: the article as readers will see it, in the reader site's own layout and stylesheet,
// in a frame, at a phone's width or a desktop's. It follows the form as it is typed: a moment after the last change
// the form is posted to /newsroom/articles/preview, which renders it (nothing is saved), and the frame's page takes
// the new article in place, keeping where the reader of the preview had scrolled. On a narrow screen it is shown
// and hidden with the toolbar's Preview button.
const address = "/newsroom/articles/preview";
const wait = 600;

export function livePreview(form, panes, toolbar, source) {
  const id = /\/articles\/(\d+)/.exec(form.dataset.preview)?.[1];
  const pane = document.createElement("section");
  pane.className = "writing-preview";
  pane.id = "writing-preview";
  pane.setAttribute("aria-label", "Preview");

  const controls = document.createElement("div");
  controls.className = "preview-controls";
  const label = Object.assign(document.createElement("span"), { className: "preview-label", textContent: "Preview, as readers will see it" });
  const state = Object.assign(document.createElement("span"), { className: "preview-state" });
  state.setAttribute("role", "status");
  const widths = document.createElement("span");
  widths.className = "preview-widths";
  const frame = document.createElement("iframe");
  frame.className = "preview-frame";
  frame.title = "Preview of the article as readers will see it";
  const target = id ? `${address}?id=${id}` : address;
  frame.src = target;
  for (const [text, width] of [["Phone", "phone"], ["Desktop", "desktop"]]) {
    const b = Object.assign(document.createElement("button"), { type: "button", textContent: text, className: "preview-width" });
    b.setAttribute("aria-pressed", String(width === "desktop"));
    b.addEventListener("click", () => {
      pane.dataset.width = width;
      for (const other of widths.children) other.setAttribute("aria-pressed", String(other === b));
    });
    widths.append(b);
  }
  pane.dataset.width = "desktop";
  controls.append(label, widths, state);
  pane.append(controls, frame);
  panes.append(pane);

  // Beside the text on a wide screen; behind a button on a narrow one.
  const wide = window.matchMedia("(min-width: 70rem)");
  const toggle = Object.assign(document.createElement("button"), { type: "button", className: "tool tool-preview", textContent: "Preview" });
  toggle.setAttribute("aria-controls", pane.id);
  const show = (on) => {
    pane.hidden = !on;
    toggle.setAttribute("aria-pressed", String(on));
    panes.classList.toggle("with-preview", on);
    if (on) refresh();
  };
  toggle.addEventListener("click", () => show(pane.hidden));
  const group = document.createElement("span");
  group.className = "tool-group tool-group-end";
  group.append(toggle);
  toolbar.insertBefore(group, toolbar.querySelector("#writing-shortcuts"));
  show(wide.matches);

  // The form's own Preview button is the page's preview without JavaScript; this one takes its place.
  for (const button of form.querySelectorAll("button[name=intent][value=preview]")) {
    button.hidden = true;
  }

  let timer = 0;
  let pending = null;
  let loaded = false;
  frame.addEventListener("load", () => {
    loaded = true;
    scrollToArticle();
    refresh();
  });
  const scrollToArticle = () => frame.contentDocument?.querySelector("article.article")?.scrollIntoView({ block: "start" });

  async function refresh() {
    clearTimeout(timer);
    if (pane.hidden || !loaded) return;
    pending?.abort();
    const request = new AbortController();
    pending = request;
    state.textContent = "Updating…";
    try {
      const response = await fetch(target, { method: "POST", body: new FormData(form), credentials: "same-origin", signal: request.signal });
      if (!response.ok) {
        state.textContent = response.status === 413 ? "Too long to preview." : "The preview could not be updated.";
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const next = page.querySelector("main");
      const shown = frame.contentDocument?.querySelector("main");
      if (next && shown) {
        shown.replaceChildren(...[...next.childNodes].map((node) => frame.contentDocument.importNode(node, true)));
      }
      state.textContent = "";
    } catch (error) {
      if (error.name !== "AbortError") state.textContent = "The preview could not be updated.";
    }
  }

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, wait);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  source.addEventListener("input", later);
}
