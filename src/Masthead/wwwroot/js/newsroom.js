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

// Article editor: preview without reloading. (Keeping what is typed, and warning before leaving it, is autosave.js.)
(() => {
  const editor = document.querySelector("form[data-preview]");
  if (editor) {
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
})();

// A confirmation before a dangerous step: the form's data-confirm, or that of the button that sends it.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) {
    return;
  }
  const question = event.submitter?.dataset.confirm ?? form.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

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

// Editors that arrange lists (the front page, the menus): a button that changes the arrangement posts the form and
// swaps in the parts of the page it changed ([data-region]) instead of reloading, then focuses what the page says to
// ([autofocus]); an item can be dragged by its handle. Without JavaScript the same buttons reload the page.
(() => {
  const form = document.querySelector("form[data-arrange]");
  if (!form || !window.fetch || !window.DOMParser) {
    return;
  }
  const address = form.getAttribute("action").split("#")[0];
  let busy = false;
  let queued = 0; // presses of the focused button made while the page was changing: made again on the changed page
  const refresh = async (submitter) => {
    busy = true;
    form.setAttribute("aria-busy", "true");
    const body = submitter ? new FormData(form, submitter) : new FormData(form);
    if (!submitter) {
      body.append("intent", "refresh");
    }
    const response = await fetch(address, { method: "POST", body, credentials: "same-origin" }).catch(() => null);
    busy = false;
    form.removeAttribute("aria-busy");
    if (!response || !response.ok) {
      form.requestSubmit(submitter ?? undefined); // the page the server renders says what went wrong
      return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const region of form.querySelectorAll("[data-region]")) {
      const replacement = fresh.getElementById(region.id);
      if (replacement) {
        region.innerHTML = replacement.innerHTML;
      }
    }
    const focus = fresh.querySelector("[autofocus]");
    if (focus?.id) {
      document.getElementById(focus.id)?.focus();
    }
    const next = document.activeElement;
    if (queued > 0 && next instanceof HTMLButtonElement && next.matches("[data-swap]") && form.contains(next)) {
      queued -= 1;
      refresh(next);
    } else {
      queued = 0;
    }
  };
  form.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-swap]") : null;
    if (!button || !form.contains(button)) {
      return;
    }
    event.preventDefault();
    if (!busy) {
      refresh(button);
    } else if (button === document.activeElement) {
      queued += 1;
    }
  });
  // Enter in a text box presses the button its group names (data-enter), or shows the form again; it never saves.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing || event.ctrlKey || event.metaKey || !(event.target instanceof HTMLInputElement)) {
      return;
    }
    event.preventDefault();
    const button = document.getElementById(event.target.closest("[data-enter]")?.dataset.enter ?? "");
    if (button) {
      button.click();
    } else {
      refresh(null);
    }
  });

  // Dragging: the item follows the pointer through its list; on release the fields are renumbered in their new order
  // and the page shows the result. The pointer is followed on the whole window: moving the item in the document would
  // release a pointer capture.
  const renumber = (list) => {
    [...list.children].forEach((item, index) => {
      for (const field of item.querySelectorAll("[name]")) {
        if (field.name.startsWith(list.dataset.sortable + "[")) {
          field.name = field.name.replace(/^([^[]+)\[\d+\]/, `$1[${index}]`);
        }
      }
    });
  };
  form.addEventListener("pointerdown", (event) => {
    const handle = event.target instanceof Element ? event.target.closest(".drag-handle") : null;
    const item = handle?.closest("[data-sortable-item]");
    const list = item?.parentElement;
    if (!item || !list?.dataset.sortable || event.button !== 0) {
      return;
    }
    event.preventDefault();
    const start = [...list.children].indexOf(item);
    item.classList.add("dragging");
    const follow = (move) => {
      if (move.pointerId !== event.pointerId) {
        return;
      }
      const over = [...list.children].find((other) => {
        const box = other.getBoundingClientRect();
        return other !== item && move.clientY >= box.top && move.clientY <= box.bottom;
      });
      if (!over) {
        return;
      }
      const box = over.getBoundingClientRect();
      const before = move.clientY < box.top + box.height / 2 ? over : over.nextElementSibling;
      if (before !== item && before !== item.nextElementSibling) {
        list.insertBefore(item, before);
      }
    };
    const drop = (up) => {
      if (up.pointerId !== event.pointerId) {
        return;
      }
      window.removeEventListener("pointermove", follow);
      window.removeEventListener("pointerup", drop);
      window.removeEventListener("pointercancel", drop);
      item.classList.remove("dragging");
      if ([...list.children].indexOf(item) !== start) {
        renumber(list);
        refresh(null);
      }
    };
    window.addEventListener("pointermove", follow);
    window.addEventListener("pointerup", drop);
    window.addEventListener("pointercancel", drop);
  });
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

// The Import page follows a running import: its progress in place every two seconds, then its report in place of
// the page's content. Without this, the page's "Check again" link does the same by hand.
(() => {
  const progress = document.querySelector("[data-follow]");
  if (!progress) {
    return;
  }
  const follow = async () => {
    const response = await fetch(progress.dataset.follow, { credentials: "same-origin" }).catch(() => null);
    if (response && response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const next = page.querySelector("[data-follow]");
      if (!next) {
        const main = progress.closest("main");
        main.replaceChildren(...page.querySelector("main").childNodes);
        main.querySelector("#import-report-heading")?.focus();
        return;
      }
      progress.querySelector(".import-stage").textContent = next.querySelector(".import-stage").textContent;
      progress.querySelector("progress").replaceWith(next.querySelector("progress"));
    }
    setTimeout(follow, 2000);
  };
  setTimeout(follow, 2000);
})();
