// One ES module, everything inlined, nothing that differs between two builds
// of the same sources: no timestamps, no absolute paths, no chunk hashes.
import nodeResolve from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import typescript from "@rollup/plugin-typescript";

// Lit keeps the text of a css`` template as written; the shipped module needs
// neither its comments nor its indentation. Only whitespace next to braces,
// semicolons and commas goes: a space before a colon can be a descendant
// selector, so it stays.
function compactCssTemplates() {
  return {
    name: "compact-css-templates",
    transform(code, id) {
      if (!id.endsWith(".ts")) return null;
      const compacted = code.replace(/\bcss ?`([^`]*)`/g, (_, text) => `css\`${compactCss(text)}\``);
      return compacted === code ? null : { code: compacted, map: null };
    },
  };
}

function compactCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/ ?([{};,]) ?/g, "$1")
    .trim();
}

export const OUTPUT = "../custom_components/qbittorrent_multi/frontend/qbittorrent-multi-card.js";

export default {
  input: "src/index.ts",
  output: {
    file: process.env.QBM_CARD_OUTPUT ?? OUTPUT,
    format: "es",
    inlineDynamicImports: true,
    sourcemap: false,
  },
  plugins: [
    typescript({ tsconfig: "./tsconfig.build.json", noEmitOnError: true }),
    compactCssTemplates(),
    nodeResolve({ browser: true }),
    terser({
      ecma: 2022,
      module: true,
      format: { comments: false },
    }),
  ],
};
