import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Chip counts are checked against the fixture the Python tests read too.
    sequence: { shuffle: false },
  },
});
