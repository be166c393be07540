// Markdown edits the toolbar and the shortcuts make. Each takes the editor view and changes its text as a person
// would type it, in one step that undo takes back whole.
import { EditorSelection } from "@codemirror/state";

// Wraps each selection in a mark (** for bold, _ for italic), or takes the mark away when it is already there.
export const wrap = (mark, placeholder) => (view) => {
  view.dispatch(view.state.changeByRange((range) => {
    const { from, to } = range;
    const doc = view.state.doc;
    const before = doc.sliceString(Math.max(0, from - mark.length), from);
    const after = doc.sliceString(to, to + mark.length);
    if (before === mark && after === mark) {
      return {
        changes: [{ from: from - mark.length, to: from }, { from: to, to: to + mark.length }],
        range: EditorSelection.range(from - mark.length, to - mark.length),
      };
    }
    const text = from === to ? placeholder : doc.sliceString(from, to);
    return {
      changes: { from, to, insert: mark + text + mark },
      range: EditorSelection.range(from + mark.length, from + mark.length + text.length),
    };
  }), { scrollIntoView: true, userEvent: "input" });
  view.focus();
  return true;
};

// [text](address), with the address selected to type over.
export const link = (view) => {
  view.dispatch(view.state.changeByRange(({ from, to }) => {
    const text = from === to ? "link text" : view.state.doc.sliceString(from, to);
    const insert = `[${text}](https://)`;
    const start = from + text.length + 3;
    return { changes: { from, to, insert }, range: EditorSelection.range(start, start + "https://".length) };
  }), { scrollIntoView: true, userEvent: "input" });
  view.focus();
  return true;
};

// Puts a prefix ("## ", "> ", "- ", "1. ") at the start of each selected line, or takes it away when every line has it.
export const prefixLines = (prefix, pattern) => (view) => {
  const { state } = view;
  const lines = [];
  for (const range of state.selection.ranges) {
    for (let at = state.doc.lineAt(range.from).number; at <= state.doc.lineAt(range.to).number; at++) {
      if (!lines.includes(at)) lines.push(at);
    }
  }
  const all = lines.every((n) => (typeof prefix === "function" ? pattern.test(state.doc.line(n).text) : state.doc.line(n).text.startsWith(prefix)));
  const changes = lines.map((n, index) => {
    const line = state.doc.line(n);
    const existing = line.text.match(pattern)?.[0] ?? "";
    const wanted = all ? "" : typeof prefix === "function" ? prefix(index) : prefix;
    return { from: line.from, to: line.from + existing.length, insert: wanted };
  });
  view.dispatch({ changes, scrollIntoView: true, userEvent: "input" });
  view.focus();
  return true;
};

// A block of its own (a table, a pull quote, a divider...), with blank lines around it so Markdown reads it as one.
// The part of it between ‹ and › is selected, ready to type over; what was selected goes in place of {selection}.
export const block = (template, fallback) => (view) => {
  const { state } = view;
  const range = state.selection.main;
  const selected = state.doc.sliceString(range.from, range.to);
  let text = template.replace("{selection}", selected || fallback || "");
  const from = range.from === range.to ? state.doc.lineAt(range.from).from : range.from;
  const lineText = state.doc.lineAt(range.from).text;
  const insertAt = range.from === range.to && lineText.trim() !== "" ? state.doc.lineAt(range.from).to : from;
  const before = state.doc.sliceString(0, insertAt);
  const after = state.doc.sliceString(range.from === range.to ? insertAt : range.to);
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const trail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  const open = text.indexOf("‹");
  const close = text.indexOf("›");
  text = text.replace("‹", "").replace("›", "");
  const start = insertAt + lead.length;
  const selection = open >= 0 && close > open
    ? EditorSelection.range(start + open, start + close - 1)
    : EditorSelection.cursor(start + text.length);
  view.dispatch({
    changes: { from: insertAt, to: range.from === range.to ? insertAt : range.to, insert: lead + text + trail },
    selection,
    scrollIntoView: true,
    userEvent: "input",
  });
  view.focus();
  return true;
};

export const headingPattern = /^#{1,6} /;
export const quotePattern = /^> ?/;
export const bulletPattern = /^[-*+] /;
export const numberPattern = /^\d+[.)] /;
