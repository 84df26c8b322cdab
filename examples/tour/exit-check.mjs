// Runs an example (argv[2]) and, once its module has finished, checks that nothing it started keeps
// the process alive: a forgotten timer or a socket left open fails the run (exit 1, named) instead
// of making it linger. A socket the example closed may need a moment to finish closing, so the
// check waits on a timer that itself keeps nothing alive: a clean example has exited before it fires.
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Handles that are Node's own (stdio), not the example's. */
const NODE_OWN = new Set(["TTYWrap", "PipeWrap"]);
const GRACE_MS = 2_000;

const file = process.argv[2];
if (file === undefined) throw new Error("usage: node exit-check.mjs <example.ts>");
process.argv.splice(2, 1); // the example sees the arguments given after it
await import(pathToFileURL(path.resolve(file)).href);
setTimeout(() => {
  const alive = process.getActiveResourcesInfo().filter((kind) => !NODE_OWN.has(kind));
  console.error(`exit-check: ${path.basename(file)} finished ${GRACE_MS} ms ago but ${alive.join(", ") || "something"} still keeps the process alive`);
  process.exit(1);
}, GRACE_MS).unref();
