// Small progressive enhancements for the newsroom; every page works without them.
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
    const form = event.target instanceof Element ? event.target.closest("form[data-ctrl-enter]") : null;
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
  }
});

// Article editor: preview without reloading, a confirm before dangerous steps, and a warning before a
// workflow step would leave unsaved changes in the form behind.
(() => {
  const editor = document.querySelector("form[data-preview]");
  let unsaved = false;
  if (editor) {
    editor.addEventListener("input", () => { unsaved = true; });
    editor.addEventListener("submit", () => { unsaved = false; });
    editor.addEventListener("click", async (event) => {
      const button = event.target instanceof Element ? event.target.closest("button[name=intent][value=preview]") : null;
      if (!button) {
        return;
      }
      event.preventDefault();
      const body = new FormData(editor);
      const response = await fetch(editor.dataset.preview, { method: "POST", body, credentials: "same-origin" }).catch(() => null);
      if (!response || !response.ok) {
        editor.requestSubmit(button); // fall back to the server-rendered preview
        return;
      }
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      const preview = holder.querySelector("#preview");
      document.querySelector("#preview")?.remove();
      if (preview) {
        editor.closest("main").append(preview);
        preview.focus();
      }
    });
  }
  window.addEventListener("beforeunload", (event) => {
    if (unsaved) {
      event.preventDefault();
    }
  });
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    const question = form.dataset.confirm
      ?? (unsaved && form.hasAttribute("data-step") ? "Your changes in the form are not saved and will be lost. Go on?" : null);
    if (question && !window.confirm(question)) {
      event.preventDefault();
    } else if (question) {
      unsaved = false;
    }
  });
})();

// Article editor: the search result and social card previews follow the fields as they are typed, falling back
// to the headline, standfirst and lead image as the page's head does.
(() => {
  const fields = document.querySelector(".search-social-fields");
  const form = fields?.closest("form");
  if (!fields || !form) {
    return;
  }
  const value = (name) => (form.elements.namedItem(name)?.value ?? "").trim().replace(/\s+/g, " ");
  const first = (...names) => names.map((name) => (name.startsWith("Form.") ? value(name) : name)).find((text) => text) ?? "";
  const set = (selector, text) => { const element = form.querySelector(selector); if (element) element.textContent = text; };
  const update = () => {
    const site = fields.dataset.site;
    set(".search-preview-title", `${first("Form.SearchTitle", "Form.Headline")} - ${site}`);
    set(".search-preview-description", first("Form.SearchDescription", "Form.Standfirst", fields.dataset.siteDescription ?? ""));
    set(".social-preview-title", first("Form.SocialTitle", "Form.SearchTitle", "Form.Headline"));
    set(".social-preview-description", first("Form.SocialDescription", "Form.SearchDescription", "Form.Standfirst", fields.dataset.siteDescription ?? ""));
    const hidden = form.querySelector("input[type=checkbox][name='Form.HideFromSearchEngines']")?.checked ?? false;
    form.querySelector(".search-preview-hidden").hidden = !hidden;
    const image = first("Form.SocialImageUrl", "Form.LeadImageUrl", fields.dataset.logo ?? "");
    const holder = form.querySelector(".social-preview-image");
    const shown = holder.querySelector("img");
    if (!image) {
      shown?.remove();
    } else if (shown?.getAttribute("src") !== image) {
      holder.replaceChildren(Object.assign(document.createElement("img"), { src: image, alt: "" }));
    }
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
})();

// Live desk: say when colleagues post or change updates, so nobody posts the same news twice.
(() => {
  const desk = document.querySelector("[data-desk-stream]");
  const notice = desk?.querySelector(".desk-activity");
  if (!notice || !window.EventSource) {
    return;
  }
  let changes = 0;
  let leaving = false; // this desk's own post is on its way: its event is no colleague's news
  document.addEventListener("submit", (event) => { leaving ||= !event.defaultPrevented; });
  const stream = new EventSource(desk.dataset.deskStream);
  const announce = () => {
    if (leaving) {
      return;
    }
    changes += 1;
    const reload = Object.assign(document.createElement("a"), { href: location.pathname, textContent: "Reload the desk" });
    notice.replaceChildren(`${changes} new change${changes === 1 ? "" : "s"} to this story since this page opened. `, reload);
    notice.hidden = false;
  };
  for (const type of ["update", "edit", "delete", "pin", "ended", "resumed"]) {
    stream.addEventListener(type, announce);
  }
  stream.addEventListener("ended", () => stream.close());
})();

// A quick second Ctrl+Enter or click must not post the same form twice. Registered last, so it sees a submit
// that a confirmation above has already cancelled.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-ctrl-enter") || event.defaultPrevented) {
    return;
  }
  if (form.dataset.sending) {
    event.preventDefault();
  } else {
    form.dataset.sending = "true";
  }
});
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-sending]").forEach((form) => delete form.dataset.sending);
});
