// Word count and reading time under the text, and length hints beside the headline and standfirst.

// Words as the server counts them (MarkdownRenderer.CountWords): runs of letters and digits. Markdown's marks are
// not letters, so they do not count.
export function countWords(text) {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  return words ? words.length : 0;
}

// Search engines show about 60 characters of a title and about 155 of a description, and social cards about as
// many; longer text is cut there, so the hint says where.
const hints = [
  { field: "Form_Headline", fits: 60, what: "search results and social cards show about 60" },
  { field: "Form_Standfirst", fits: 155, what: "search results show about 155 as the description" },
];

export function lengthHints(form) {
  for (const { field, fits, what } of hints) {
    const input = form?.querySelector(`#${field}`);
    if (!input) continue;
    const hint = document.createElement("span");
    hint.className = "hint length-hint";
    hint.id = `${field}-length`;
    input.after(hint);
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") ?? ""} ${hint.id}`.trim());
    const show = () => {
      const length = [...input.value.trim()].length;
      hint.textContent = `${length} characters; ${what}${length > fits ? ", so this will be cut" : ""}.`;
      hint.classList.toggle("too-long", length > fits);
    };
    input.addEventListener("input", show);
    show();
  }
}
