// One ES module, everything inlined, nothing that differs between two builds
// of the same sources: no timestamps, no absolute paths, no chunk hashes.
import nodeResolve from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import typescript from "@rollup/plugin-typescript";

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
    nodeResolve({ browser: true }),
    terser({
      ecma: 2022,
      module: true,
      format: { comments: false },
    }),
  ],
};
