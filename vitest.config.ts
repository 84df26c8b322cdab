import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Tests and examples may import the package by its published name; here it means the source.
  resolve: {
    alias: [
      { find: /^onellm-sdk$/, replacement: source("./src/index.ts") },
      { find: /^onellm-sdk\/otel$/, replacement: source("./src/observability/otel.ts") },
      { find: /^onellm-sdk\/helpers\/zod$/, replacement: source("./src/helpers/zod.ts") },
      // package.json "imports" point into dist/; tests run on Node, whose condition names this file.
      { find: /^#media-downloader$/, replacement: source("./src/core/media.ts") },
      { find: /^#node-transport$/, replacement: source("./src/core/node-transport.ts") },
    ],
  },
  test: {
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/package/**", "**/node_modules/**"],
          globalSetup: ["test/helpers/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The published package as users get it: packed, installed into a temp project, then run in
        // Node (ESM, CJS, TypeScript consumers), Node 22/24, Bun, Deno, Chromium and the edge runtime.
        extends: true,
        test: {
          name: "package",
          include: ["test/package/**/*.test.ts"],
          globalSetup: ["test/package/setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
