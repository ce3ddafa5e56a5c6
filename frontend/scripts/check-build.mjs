// Builds the card into a temporary folder and compares it byte for byte with
// the committed module: exits 1 when they differ (the build is not
// reproducible, or the committed file is stale).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const frontend = join(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(frontend, "..", "custom_components", "qbittorrent_multi", "frontend", "qbittorrent-multi-card.js");
const folder = mkdtempSync(join(tmpdir(), "qbm-card-"));
const output = join(folder, "qbittorrent-multi-card.js");
try {
  const build = spawnSync(process.execPath, [join(frontend, "node_modules", "rollup", "dist", "bin", "rollup"), "--config", "rollup.config.mjs", "--silent"], {
    cwd: frontend,
    env: { ...process.env, QBM_CARD_OUTPUT: output },
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  if (!readFileSync(output).equals(readFileSync(committed))) {
    console.error("custom_components/qbittorrent_multi/frontend/qbittorrent-multi-card.js differs from a fresh build: run npm run build in frontend/");
    process.exit(1);
  }
  console.log("the committed card module is what the sources build, byte for byte");
} finally {
  rmSync(folder, { recursive: true, force: true });
}
