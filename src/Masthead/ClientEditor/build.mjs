// Bundles src/editor.js and what it imports from the pinned node_modules into ../wwwroot/js/editor.js, minified.
// The output is committed, so the site runs with the .NET SDK alone; run `npm ci && npm run build` after changing
// src/ or package-lock.json. The same lock and source always give the same bytes (CI checks it).
import { build } from "esbuild";

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
});
