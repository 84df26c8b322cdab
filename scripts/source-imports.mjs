// Loaded with --import before a child script: package.json "imports" point into dist/ (the built
// package), while a child runs the TypeScript source; this maps them to the source, as
// vitest.config.ts does for the test processes.
import { register } from "node:module";

register("./source-imports-resolve.mjs", import.meta.url);
