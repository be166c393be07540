// Article editor: never lose a word. While the form changes, what is typed is kept on the server every few seconds
// (and at once when the tab is hidden) as the person's own autosave, which the editor offers back next time; leaving
// the page with changes not saved asks first. It works from the form's fields and their input and change events,
// whatever widget edits them, so an editor component that writes into the body's textarea is kept too.
(() => {
  const form = document.querySelector("form[data-autosave]");
  const address = form?.dataset.autosave;
  if (!address || !window.fetch || !window.FormData) {
    return;
  }
  const status = document.getElementById("autosave-status");
  const paused = form.dataset.autosaveState === "paused";
  const every = 3000;

  // The form's fields as text, to tell whether anything changed; the antiforgery token never does.
  const snapshot = () => new URLSearchParams([...new FormData(form)]
    .filter(([name, value]) => name !== "__RequestVerificationToken" && typeof value === "string")).toString();
  const loaded = snapshot();
  let kept = loaded; // what the server holds, as far as this page knows
  let timer = 0;
  let sending = false;
  let failures = 0;
  let leaving = false; // a form is being sent: nothing more to keep, and no question to ask

  const unsaved = () => !leaving && (form.dataset.autosaveState === "unsaved" || snapshot() !== loaded);
  const say = (text) => { if (status) status.textContent = text; };

  const keep = async () => {
    timer = 0;
    if (paused || leaving || sending) {
      return;
    }
    const now = snapshot();
    if (now === kept) {
      return;
    }
    sending = true;
    const response = await fetch(address, {
      method: "POST", body: new FormData(form), credentials: "same-origin", headers: { Accept: "application/json" },
    }).catch(() => null);
    sending = false;
    const answer = response ? await response.json().catch(() => null) : null;
    if (response?.ok) {
      kept = now;
      failures = 0;
      say(answer?.message ?? "");
    } else {
      failures += 1;
      say(answer?.message ?? "Your changes could not be kept on the server just now; they are still here, and trying again.");
    }
    if (snapshot() !== kept) {
      schedule(response?.ok ? every : Math.min(every * 2 ** failures, 60000));
    }
  };

  const schedule = (delay = every) => {
    if (!timer && !paused && !leaving) {
      timer = window.setTimeout(keep, delay);
    }
  };

  // At once, for a tab being hidden or closed: a beacon outlives the page (up to 64 KB), a plain request the rest.
  const keepNow = () => {
    if (paused || leaving || snapshot() === kept) {
      return;
    }
    window.clearTimeout(timer);
    timer = 0;
    if (navigator.sendBeacon?.(address, new FormData(form))) {
      kept = snapshot();
    } else {
      keep();
    }
  };

  // Captured on the way down, so a widget's input event on a field is seen even if it does not bubble.
  const changed = (event) => {
    if (event.target?.form === form) {
      schedule();
    }
  };
  document.addEventListener("input", changed, true);
  document.addEventListener("change", changed, true);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      keepNow();
    }
  });
  window.addEventListener("pagehide", keepNow);
  window.addEventListener("beforeunload", (event) => {
    if (unsaved()) {
      keepNow();
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Sending the article's form saves it. Sending another form on the page (a note, a correction, a restore) reloads
  // it: what is typed in the article is kept first, and the reloaded editor offers it back.
  document.addEventListener("submit", async (event) => {
    if (event.defaultPrevented || leaving) {
      return;
    }
    if (event.target === form || paused || snapshot() === kept) {
      leaving = true;
      window.clearTimeout(timer);
      return;
    }
    event.preventDefault();
    const other = event.target;
    const submitter = event.submitter;
    while (sending) {
      await new Promise((resolve) => { window.setTimeout(resolve, 50); });
    }
    await keep();
    leaving = true;
    if (other instanceof HTMLFormElement) {
      other.requestSubmit(submitter ?? undefined);
    }
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      leaving = false; // back from the page the form went to: this page is in use again
    }
  });
})();
