#!/usr/bin/env node
// The `onellm` binary (package.json "bin"). Loaded only when the command runs: nothing on the
// library's import path reaches src/cli/.
import { readFile } from "node:fs/promises";
import process from "node:process";
import type { CliIO } from "./cli-io.js";
import { runCli } from "./cli-run.js";

async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const controller = new AbortController();
// The first Ctrl-C cancels the request (exit 130); a second one ends the process at once.
process.once("SIGINT", () => {
  controller.abort();
  process.once("SIGINT", () => process.exit(130));
});
// A closed pipe (onellm chat ... | head -1) ends the command quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const io: CliIO = {
  env: process.env,
  write: (text) => void process.stdout.write(text),
  error: (text) => void process.stderr.write(text),
  readStdin,
  signal: controller.signal,
  readFile: async (path) => new Uint8Array(await readFile(path)),
};

process.exitCode = await runCli(process.argv.slice(2), io);
