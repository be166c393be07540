// The media library in the newsroom's forms: uploads from the article editor (a file picker, drag and drop onto
// the text, paste) with their progress, a chooser for lead images, the logo and staff photos, and the focal point
// set by clicking. Every form still works without this: addresses can be typed, and /newsroom/media uploads.
(() => {
  const api = "/newsroom/api/media";
  const token = () => document.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  };
  const sizeText = (bytes) => bytes < 1048576 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;

  // Sends a file to the library; resolves with the item, or rejects with the server's own explanation.
  const upload = (file, details, onProgress) => new Promise((resolve, reject) => {
    const body = new FormData();
    body.append("file", file, file.name || "pasted-image.png");
    for (const [name, value] of Object.entries(details)) {
      if (value) {
        body.append(name, value);
      }
    }
    const request = new XMLHttpRequest();
    request.open("POST", api);
    request.setRequestHeader("RequestVerificationToken", token());
    request.responseType = "json";
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    });
    request.addEventListener("load", () => {
      if (request.status === 201) {
        resolve(request.response);
      } else {
        reject(new Error(request.response?.detail ?? `The upload was refused (${request.status}).`));
      }
    });
    request.addEventListener("error", () => reject(new Error("The connection was lost; nothing was uploaded. Try again.")));
    request.send(body);
  });

  const thumbnailOf = (item) => item.kind === "document" ? null
    : (item.files.find((f) => f.role === "vector") ?? item.files.filter((f) => f.type === "image/webp")[0] ?? item.files[0]);

  // One dialog serves every chooser: find in the library, or upload on the spot with alt text, caption and credit.
  let dialog = null;
  let current = null; // { onChoose(item, how), withLead, title, opener }
  const parts = {};

  const build = () => {
    parts.title = el("h2", { id: "media-dialog-title" });
    parts.close = el("button", { type: "button", className: "link media-dialog-close", textContent: "Close" });
    parts.file = el("input", { type: "file", id: "media-dialog-file", accept: "image/*,application/pdf" });
    parts.preview = el("img", { className: "media-dialog-preview", alt: "", hidden: true });
    parts.fileName = el("p", { className: "meta", hidden: true });
    const field = (id, label, hint, extra = {}) => {
      const input = el("input", { type: "text", id, ...extra });
      const p = el("p", { className: "field" }, el("label", { htmlFor: id, textContent: label }), input);
      if (hint) {
        const h = el("span", { className: "hint", id: `${id}-hint`, textContent: hint });
        input.setAttribute("aria-describedby", h.id);
        p.append(h);
      }
      return [p, input];
    };
    let altField, captionField, creditField;
    [altField, parts.alt] = field("media-dialog-alt", "Alt text: what the image shows",
      "Read aloud to readers who use a screen reader, and used by search engines. Describe what matters, such as “Firefighters carry a hose into the flooded mill”.", { maxLength: 500 });
    [captionField, parts.caption] = field("media-dialog-caption", "Caption (optional)", null, { maxLength: 1000 });
    [creditField, parts.credit] = field("media-dialog-credit", "Credit (optional: photographer, agency)", null, { maxLength: 300 });
    parts.progress = el("progress", { max: 1, value: 0, hidden: true, id: "media-dialog-progress" });
    parts.progress.setAttribute("aria-label", "Upload progress");
    parts.status = el("p", { className: "media-dialog-status", role: "status" });
    parts.insert = el("button", { type: "button", className: "primary", textContent: "Upload and insert in the text" });
    parts.lead = el("button", { type: "button", textContent: "Upload and set as lead image" });
    parts.use = el("button", { type: "button", className: "primary", textContent: "Upload and use" });
    parts.uploadForm = el("section", { className: "media-dialog-upload" },
      el("h3", { textContent: "Upload" }),
      parts.fileField = el("p", { className: "field" }, el("label", { htmlFor: parts.file.id, textContent: "Photo or PDF" }), parts.file),
      parts.preview, parts.fileName, altField, captionField, creditField, parts.progress, parts.status,
      el("p", { className: "actions" }, parts.insert, parts.lead, parts.use));
    parts.search = el("input", { type: "search", id: "media-dialog-search" });
    parts.results = el("ul", { className: "media-grid media-dialog-results" });
    parts.found = el("p", { className: "meta", role: "status" });
    parts.library = el("section", { className: "media-dialog-library" },
      el("h3", { textContent: "From the library" }),
      el("p", { className: "field" }, el("label", { htmlFor: parts.search.id, textContent: "Search by file name, alt text, caption or credit" }), parts.search),
      parts.found, parts.results);
    dialog = el("dialog", { className: "media-dialog" },
      el("div", { className: "media-dialog-head" }, parts.title, parts.close), parts.library, parts.uploadForm);
    dialog.setAttribute("aria-labelledby", parts.title.id);
    document.body.append(dialog);

    parts.close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      current?.opener?.focus();
      current = null;
    });
    parts.file.addEventListener("change", () => showFile(parts.file.files[0] ?? null));
    for (const [button, how] of [[parts.insert, "body"], [parts.lead, "lead"], [parts.use, "use"]]) {
      button.addEventListener("click", () => send(how));
    }
    let searching = 0;
    parts.search.addEventListener("input", () => {
      clearTimeout(searching);
      searching = setTimeout(search, 250);
    });
  };

  let chosenFile = null;
  let previewUrl = null;
  const showFile = (file) => {
    chosenFile = file;
    if (previewUrl) {
      URL.revokeObjectURL(previewUrl);
      previewUrl = null;
    }
    const isImage = file && file.type.startsWith("image/");
    parts.preview.hidden = !isImage;
    if (isImage) {
      previewUrl = URL.createObjectURL(file);
      parts.preview.src = previewUrl;
    }
    parts.fileName.hidden = !file;
    parts.fileName.textContent = file ? `${file.name || "Pasted image"}, ${sizeText(file.size)}` : "";
    parts.status.textContent = "";
    parts.status.classList.remove("error");
    parts.lead.hidden = !current?.withLead || (file && !isImage);
  };

  const send = async (how) => {
    if (!chosenFile) {
      parts.status.textContent = "Choose a photo or PDF first.";
      parts.file.focus();
      return;
    }
    const isImage = chosenFile.type.startsWith("image/");
    if (isImage && !parts.alt.value.trim()) {
      parts.status.textContent = "Add alt text first: say what the image shows, for readers who cannot see it.";
      parts.status.classList.add("error");
      parts.alt.focus();
      return;
    }
    for (const button of [parts.insert, parts.lead, parts.use]) {
      button.disabled = true;
    }
    parts.progress.hidden = false;
    parts.progress.value = 0;
    parts.status.classList.remove("error");
    parts.status.textContent = "Uploading…";
    try {
      const item = await upload(chosenFile, { alt: parts.alt.value.trim(), caption: parts.caption.value.trim(), credit: parts.credit.value.trim() },
        (done) => {
          parts.progress.value = done;
          parts.status.textContent = done < 1 ? `Uploading… ${Math.round(done * 100)} %` : "Making the sizes readers need…";
        });
      finish(item, how);
    } catch (error) {
      parts.status.textContent = error.message;
      parts.status.classList.add("error");
    } finally {
      parts.progress.hidden = true;
      for (const button of [parts.insert, parts.lead, parts.use]) {
        button.disabled = false;
      }
    }
  };

  // The chosen item goes where it was asked for, and the focus with it (not back to the button that opened the dialog).
  const finish = (item, how) => {
    const chooser = current;
    if (!chooser) {
      return;
    }
    chooser.opener = null;
    dialog.close();
    chooser.onChoose(item, how);
  };

  const search = async () => {
    const query = new URLSearchParams({ q: parts.search.value, limit: "24" });
    if (current?.imagesOnly) {
      query.set("kind", "image");
    }
    const response = await fetch(`${api}?${query}`, { credentials: "same-origin" }).catch(() => null);
    if (!response?.ok) {
      parts.found.textContent = "The library cannot be read just now.";
      return;
    }
    const list = await response.json();
    parts.found.textContent = list.total === 0 ? "Nothing found." : `${list.total} found${list.total > list.items.length ? `; the newest ${list.items.length} are shown` : ""}.`;
    parts.results.replaceChildren(...list.items.map((item) => {
      const thumb = thumbnailOf(item);
      const button = el("button", { type: "button", className: "media-choice" },
        thumb ? el("img", { src: thumb.url, alt: "", width: thumb.width, height: thumb.height, loading: "lazy" }) : el("span", { className: "media-doc", textContent: "PDF" }),
        el("span", { className: "media-name", textContent: item.fileName }),
        el("span", { className: "meta", textContent: item.alt || (item.kind === "document" ? sizeText(item.size) : "No alt text yet") }));
      button.addEventListener("click", () => finish(item, current?.withLead ? "body" : "use"));
      return el("li", {}, button);
    }));
  };

  const open = (options) => {
    if (!dialog) {
      build();
    }
    current = { ...options, opener: document.activeElement };
    parts.title.textContent = options.title;
    for (const input of [parts.alt, parts.caption, parts.credit, parts.search]) {
      input.value = "";
    }
    parts.file.value = "";
    parts.file.accept = options.imagesOnly ? "image/*" : "image/*,application/pdf";
    parts.insert.hidden = !options.withLead;
    parts.lead.hidden = !options.withLead;
    parts.use.hidden = !!options.withLead;
    showFile(options.file ?? null);
    parts.library.hidden = !!options.file;
    parts.fileField.hidden = !!options.file; // dropped or pasted: the file is already chosen
    dialog.showModal();
    (options.file ? parts.alt : parts.file).focus();
    if (!options.file) {
      search();
    }
  };

  // The article editor: files dropped onto the text, pasted into it, or picked, are uploaded and inserted where
  // the cursor is (or set as the lead image); the lead image can be chosen from the library.
  const body = document.querySelector("textarea[data-media-body]");
  const setValue = (input, value) => {
    if (input) {
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  const byId = (id) => (id ? document.getElementById(id) : null);
  const fillDetails = (input, item) => {
    setValue(input, item.url);
    // The item's alt text, caption and credit are offered again; what is already typed here wins.
    for (const [field, value] of [["mediaAlt", item.alt], ["mediaCaption", item.caption], ["mediaCredit", item.credit]]) {
      const target = byId(input.dataset[field]);
      if (target && !target.value.trim() && value) {
        setValue(target, value);
      }
    }
  };
  const lead = document.querySelector("input[data-media-lead]");

  if (body && !body.closest("fieldset")?.disabled) {
    let caret = null;
    const insertAt = (item) => {
      const markdown = item.kind === "document"
        ? `[${item.fileName.replace(/[[\]]/g, "")}](${item.url})`
        : `![${(item.alt || "").replace(/[[\]]/g, "")}](${item.url})`;
      const at = caret ?? body.selectionStart ?? body.value.length;
      const before = body.value.slice(0, at);
      const after = body.value.slice(at);
      const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      const trail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
      setValue(body, before + lead + markdown + trail + after);
      const end = (before + lead + markdown).length;
      body.focus();
      body.setSelectionRange(end, end);
      caret = null;
    };
    const chosen = (item, how) => {
      if (how === "lead" && lead) {
        fillDetails(lead, item);
        lead.focus();
      } else {
        insertAt(item);
      }
    };
    const offer = (file) => {
      caret = body.selectionStart;
      open({ title: "Add a photo or PDF to the article", file, withLead: !!lead, onChoose: chosen });
    };

    const hint = el("p", { className: "hint media-body-hint", id: "media-body-hint" },
      "Add photos and PDFs by dragging them onto the text, pasting them, or with ");
    const add = el("button", { type: "button", className: "media-add", textContent: "Add image or PDF" });
    hint.append(add, ". They go where the cursor is.");
    body.before(hint);
    add.addEventListener("click", () => {
      caret = body.selectionStart;
      open({ title: "Add a photo or PDF to the article", withLead: !!lead, onChoose: chosen });
    });
    body.addEventListener("dragover", (event) => {
      if ([...(event.dataTransfer?.types ?? [])].includes("Files")) {
        event.preventDefault();
        body.classList.add("drop-target");
      }
    });
    body.addEventListener("dragleave", () => body.classList.remove("drop-target"));
    body.addEventListener("drop", (event) => {
      const file = event.dataTransfer?.files?.[0];
      body.classList.remove("drop-target");
      if (file) {
        event.preventDefault();
        offer(file);
      }
    });
    body.addEventListener("paste", (event) => {
      const file = [...(event.clipboardData?.files ?? [])][0];
      if (file) {
        event.preventDefault();
        offer(file);
      }
    });
  }

  // Choosers beside address fields: the lead image, the logo, staff photos. The field stays typeable.
  for (const input of document.querySelectorAll("input[data-media-chooser]")) {
    if (input.disabled || input.closest("fieldset")?.disabled) {
      continue;
    }
    const choose = el("button", { type: "button", className: "media-choose", textContent: "Choose or upload an image" });
    choose.setAttribute("aria-describedby", input.id);
    input.after(choose);
    choose.addEventListener("click", () => open({
      title: input.dataset.mediaChooser || "Choose an image",
      imagesOnly: true,
      onChoose: (item) => {
        fillDetails(input, item);
        input.focus();
      },
    }));
  }

  // An item's page: the focal point set by clicking the subject, or with the arrow keys.
  const picker = document.querySelector("[data-focal-picker]");
  const across = document.querySelector("input[data-focal-x]");
  const down = document.querySelector("input[data-focal-y]");
  if (picker && across && down) {
    const still = document.querySelector("[data-focal-still]");
    const marker = picker.querySelector(".focal-marker");
    const show = () => {
      const x = Number(across.value || 50);
      const y = Number(down.value || 50);
      for (const node of [marker, ...document.querySelectorAll("[data-crop-preview]")]) {
        node.classList.remove(...[...node.classList].filter((c) => /^f[xy]-/.test(c)));
        node.style.setProperty("--fx", `${x}%`);
        node.style.setProperty("--fy", `${y}%`);
      }
      picker.setAttribute("aria-label", `Focal point: ${Math.round(x)} % across, ${Math.round(y)} % down. Click the subject, or use the arrow keys.`);
    };
    const set = (x, y) => {
      across.value = String(Math.round(Math.min(100, Math.max(0, x))));
      down.value = String(Math.round(Math.min(100, Math.max(0, y))));
      show();
    };
    picker.hidden = false;
    if (still) {
      still.hidden = true;
    }
    picker.addEventListener("click", (event) => {
      const image = picker.querySelector("img").getBoundingClientRect();
      if (event.detail === 0) {
        return; // a keyboard "click" (Enter, Space) sets nothing
      }
      set((event.clientX - image.left) / image.width * 100, (event.clientY - image.top) / image.height * 100);
    });
    picker.addEventListener("keydown", (event) => {
      const step = event.shiftKey ? 10 : 5;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      const move = moves[event.key];
      if (move) {
        event.preventDefault();
        set(Number(across.value || 50) + move[0], Number(down.value || 50) + move[1]);
      }
    });
    across.addEventListener("input", show);
    down.addEventListener("input", show);
    show();
  }
})();
