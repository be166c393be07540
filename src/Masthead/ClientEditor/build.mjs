// Bundles src/editor.js and what it imports from the pinned node_modules into ../wwwroot/js/editor.js, minified.
// The output is committed, so the site runs with the .NET SDK alone; run `npm ci && npm run build` after changing
// src/ or package-lock.json. The same lock and source always give the same bytes (CI checks it).
import { readFile } from "node:fs/promises";
import { build } from "esbuild";

// CodeMirror writes its own styles through style-mod, which puts them in a <style> element on a document (using a
// constructed stylesheet only in a shadow root). The newsroom's Content-Security-Policy refuses inline <style>
// elements, and rightly; a constructed stylesheet is CSSOM, which it allows. So style-mod is built to adopt a
// constructed stylesheet on the document too, where the browser can (every current one). The build stops if the
// line it changes is not there, so an update of style-mod is looked at.
const adoptOnDocument = {
  name: "adopt-styles-on-the-document",
  setup(esbuild) {
    esbuild.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, async (file) => {
      const source = await readFile(file.path, "utf8");
      const from = "if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {";
      if (!source.includes(from)) {
        throw new Error(`style-mod has changed: ${file.path} no longer has the line this build adapts.`);
      }
      return { contents: source.replace(from, "if (root.adoptedStyleSheets && win.CSSStyleSheet) {"), loader: "js" };
    });
  },
};

await build({
  entryPoints: ["src/editor.js"],
  outfile: "../wwwroot/js/editor.js",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  banner: { js: "// The article editor's writing surface: CodeMirror 6 (MIT, codemirror.net) bundled from src/Masthead/ClientEditor; see its README." },
  logLevel: "warning",
  plugins: [adoptOnDocument],
});
