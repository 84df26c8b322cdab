// vitest globalSetup of the `package` project: packs the package as `npm publish` would (prepack
// builds it), installs the tarball into a fresh temp project as a user would, and hands the paths
// to the tests. Everything under test/package runs against that install, never against src/.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { compileConsumers, CONSUMER_SOURCES, OTEL_API_VERSION, REPO_ROOT, type PackageCheck } from "./helpers/package-check.js";

export default function setup(project: TestProject): () => void {
  const work = mkdtempSync(path.join(tmpdir(), "onellm-package-"));
  const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  npm(["pack", "--pack-destination", work, "--silent"], REPO_ROOT);
  const tarballs = readdirSync(work).filter((name) => name.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack made ${tarballs.length} tarballs in ${work}`);
  const tarball = path.join(work, tarballs[0]!);

  const consumerDir = path.join(work, "consumer");
  mkdirSync(consumerDir);
  writeFileSync(path.join(consumerDir, "package.json"), `${JSON.stringify({ name: "onellm-sdk-consumer", private: true }, null, 2)}\n`);
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", tarball, `@opentelemetry/api@${OTEL_API_VERSION}`], consumerDir);

  for (const file of CONSUMER_SOURCES) copyFileSync(path.join(REPO_ROOT, "test", "package", "consumer", file), path.join(consumerDir, file));
  // Compiled once here (nodenext, emitting JS) so every runtime runs the same consumer output.
  const nodenext = compileConsumers(consumerDir, "nodenext");

  const check: PackageCheck = { tarball, consumerDir, workDir: work, nodenext };
  project.provide("packageCheck", check);
  return () => rmSync(work, { recursive: true, force: true });
}
