// The article editor's writing surface. The body's <textarea> stays the form's field and the source of truth: this
// puts a CodeMirror editor in its place, writes every change back into it and fires "input" on it (so whatever
// listens to the form, such as an autosave, sees each change), and takes in changes others make to it (a photo
// inserted by media.js). Without JavaScript the plain textarea works as before.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, drawSelection, highlightSpecialChars } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { LanguageSupport, syntaxHighlighting, HighlightStyle } from "@codemirror/language";
import { markdownLanguage, markdownKeymap } from "@codemirror/lang-markdown";
import { tags } from "@lezer/highlight";
import { wrap, link, prefixLines, block, headingPattern, quotePattern, bulletPattern, numberPattern } from "./markdown-actions.js";
import { countWords, lengthHints } from "./counts.js";
import { livePreview } from "./preview.js";

const textarea = document.querySelector("textarea[data-editor]");
if (textarea && !textarea.closest("fieldset")?.disabled && !textarea.readOnly) {
  start(textarea);
}

function start(source) {
  const form = source.form;

  const highlight = HighlightStyle.define([
    { tag: tags.heading, fontWeight: "700", color: "#1b1f24" },
    { tag: tags.strong, fontWeight: "700" },
    { tag: tags.emphasis, fontStyle: "italic" },
    { tag: tags.strikethrough, textDecoration: "line-through" },
    { tag: [tags.link, tags.url], color: "#1d4f91" },
    { tag: [tags.quote], color: "#545b66", fontStyle: "italic" },
    { tag: [tags.processingInstruction, tags.contentSeparator, tags.meta], color: "#8a5a00" },
    { tag: tags.monospace, fontFamily: "ui-monospace, monospace" },
  ]);

  let writing = false; // true while this editor writes into the textarea, so its own input event is not taken back in
  const syncOut = EditorView.updateListener.of((update) => {
    if (update.docChanged) {
      writing = true;
      // A browser may type the space at the end of a line as a no-break space; the field gets the space typed.
      source.value = update.state.doc.toString().replace(/\u00a0/g, " ");
      source.dispatchEvent(new Event("input", { bubbles: true }));
      writing = false;
    }
    if (update.selectionSet || update.docChanged) {
      const { from, to } = update.state.selection.main;
      source.setSelectionRange(from, to); // media.js inserts photos where the textarea's caret is
    }
  });

  const shortcuts = [
    // Ctrl+Enter saves the form (newsroom.js, on the document); the editor must not also insert a line.
    { key: "Mod-Enter", run: () => true },
    { key: "Mod-b", run: wrap("**", "bold text") },
    { key: "Mod-i", run: wrap("_", "italic text") },
    { key: "Mod-k", run: link },
    { key: "Mod-Alt-2", run: prefixLines("## ", headingPattern) },
    { key: "Mod-Alt-3", run: prefixLines("### ", headingPattern) },
    { key: "Mod-Shift-.", run: prefixLines("> ", quotePattern) },
    { key: "Mod-Shift-8", run: prefixLines("- ", bulletPattern) },
    { key: "Mod-Shift-7", run: prefixLines((i) => `${i + 1}. `, numberPattern) },
  ];

  const describedBy = source.getAttribute("aria-describedby") || "";
  // The field's label names the editor instead of the hidden textarea, and a click on it puts the cursor in the text.
  const label = source.id ? document.querySelector(`label[for="${source.id}"]`) : null;
  if (label) {
    label.id ||= `${source.id}-label`;
    label.removeAttribute("for");
  }
  const view = new EditorView({
    state: EditorState.create({
      doc: source.value,
      extensions: [
        history(),
        drawSelection(),
        highlightSpecialChars(),
        EditorView.lineWrapping,
        new LanguageSupport(markdownLanguage),
        syntaxHighlighting(highlight),
        keymap.of([...shortcuts, ...markdownKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({
          ...(label ? { "aria-labelledby": label.id } : { "aria-label": "Body" }),
          "aria-multiline": "true",
          "aria-describedby": `${describedBy} writing-shortcuts`.trim(),
          spellcheck: "true",
          autocorrect: "on",
          autocapitalize: "sentences",
          lang: document.documentElement.lang || "en",
        }),
        syncOut,
      ],
    }),
  });

  // Changes others make to the textarea (media.js inserting a photo) come into the editor, caret and all.
  source.addEventListener("input", () => {
    if (writing || source.value === view.state.doc.toString().replace(/\u00a0/g, " ")) return;
    const caret = Math.min(source.selectionEnd ?? source.value.length, source.value.length);
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: source.value }, selection: { anchor: caret }, scrollIntoView: true });
    view.focus();
  });

  // Files dropped or pasted onto the editor go to media.js's upload, which listens on the textarea.
  for (const type of ["drop", "paste"]) {
    view.contentDOM.addEventListener(type, (event) => {
      const files = type === "drop" ? event.dataTransfer?.files : event.clipboardData?.files;
      if (!files || files.length === 0) return;
      const { from, to } = view.state.selection.main;
      source.setSelectionRange(from, to);
      const copy = type === "drop" ? new DragEvent("drop", { dataTransfer: event.dataTransfer, cancelable: true }) : new ClipboardEvent("paste", { clipboardData: event.clipboardData, cancelable: true });
      if (!source.dispatchEvent(copy)) {
        event.preventDefault();
        event.stopPropagation();
      }
    }, true);
  }

  const surface = Object.assign(document.createElement("div"), { className: "writing-surface" });
  const toolbar = buildToolbar(view, source);
  const status = Object.assign(document.createElement("p"), { className: "writing-status", id: "writing-status" });
  const editorPane = Object.assign(document.createElement("div"), { className: "writing-editor" });
  editorPane.append(view.dom);
  const panes = Object.assign(document.createElement("div"), { className: "writing-panes" });
  panes.append(editorPane);
  surface.append(toolbar, panes, status);
  source.after(surface);
  source.hidden = true;
  source.closest(".field")?.classList.add("has-writing-surface");
  label?.addEventListener("click", () => view.focus());

  const showCounts = () => {
    const words = countWords(view.state.doc.toString());
    const minutes = Math.max(1, Math.round(words / 230));
    status.textContent = `${words.toLocaleString()} ${words === 1 ? "word" : "words"} · ${minutes} min read`;
  };
  showCounts();
  view.dom.addEventListener("keyup", debounce(showCounts, 250));
  source.addEventListener("input", debounce(showCounts, 250));

  lengthHints(form);
  if (form?.dataset.preview) {
    livePreview(form, panes, toolbar, source);
  }
}

function buildToolbar(view, source) {
  const bar = document.createElement("div");
  bar.className = "writing-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Formatting");
  bar.setAttribute("aria-controls", source.id);
  const button = (label, title, run, className = "") => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `tool ${className}`.trim();
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title.replace(/ \(.*\)$/, "")); // names that start with, or hold, the visible text
    b.addEventListener("click", () => run(view));
    return b;
  };
  const group = (...buttons) => {
    const g = document.createElement("span");
    g.className = "tool-group";
    g.append(...buttons);
    return g;
  };
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl+";
  const embed = (v) => {
    const address = window.prompt("The address of the video, post, track, map, chart or document to embed (YouTube, Vimeo, X, Instagram, TikTok, Facebook, Spotify, SoundCloud, Apple Podcasts, Google Maps, Datawrapper, Flourish, DocumentCloud):", "https://");
    if (!address || address === "https://") {
      v.focus();
      return true;
    }
    return block(address.trim())(v);
  };
  const image = (v) => {
    const add = document.querySelector(".media-add");
    if (add) add.click();
    else block("![‹what the photo shows›](/media/…)")(v);
    return true;
  };
  bar.append(
    group(
      button("B", `Bold (${mod}B)`, wrap("**", "bold text"), "tool-bold"),
      button("I", `Italic (${mod}I)`, wrap("_", "italic text"), "tool-italic"),
      button("Link", `Link (${mod}K)`, link)),
    group(
      button("H2", `H2 heading (${mod}Alt+2)`, prefixLines("## ", headingPattern)),
      button("H3", `H3 subheading (${mod}Alt+3)`, prefixLines("### ", headingPattern)),
      button("“ ”", `Quote (${mod}Shift+.)`, prefixLines("> ", quotePattern)),
      button("• List", `• List, bulleted (${mod}Shift+8)`, prefixLines("- ", bulletPattern)),
      button("1. List", `1. List, numbered (${mod}Shift+7)`, prefixLines((i) => `${i + 1}. `, numberPattern))),
    group(
      button("Image", "Image from the media library or an upload", image),
      button("Embed", "Embed a video, post, map or chart", embed),
      button("Table", "Table", block("| ‹Column› | Column |\n| --- | --- |\n|  |  |\n|  |  |")),
      button("Pull quote", "Pull quote", block("::: pullquote\n{selection}\n— Who said it\n:::", "‹The words quoted›")),
      button("Callout", "Callout: a note, warning or context box", block("::: note\n{selection}\n:::", "‹What readers should know›")),
      button("Divider", "Divider", block("---"))));
  const help = document.createElement("p");
  help.id = "writing-shortcuts";
  help.className = "visually-hidden";
  help.textContent = `Formatting shortcuts: ${mod}B bold, ${mod}I italic, ${mod}K link, ${mod}Alt+2 heading, ${mod}Shift+8 bulleted list. The toolbar above the text has the rest.`;
  bar.append(help);
  return bar;
}

function debounce(run, wait) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => run(...args), wait);
  };
}
