import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { canConnect } from "./free-port.js";
import { PRISM_SPECS, startPrism, type PrismName, type PrismServer } from "./prism.js";
import { hasPrism, prismUrl } from "./prism-urls.js";

const SPEC = `openapi: 3.0.3
info:
  title: echo
  version: "1"
paths:
  /echo:
    post:
      operationId: echo
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [n]
              properties:
                n:
                  type: integer
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [ok]
                properties:
                  ok:
                    type: boolean
              example:
                ok: true
`;

let dir: string;
let specPath: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "onellm-prism-"));
  specPath = path.join(dir, "echo.yaml");
  await writeFile(specPath, SPEC);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function echo(prism: PrismServer, body: unknown): Promise<Response> {
  return fetch(`${prism.url}/echo`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("startPrism", () => {
  it("answers 200 to a valid request, 422 to an invalid one, and stop() frees the port", async () => {
    const prism = await startPrism(specPath);
    try {
      expect(prism.url).toBe(`http://127.0.0.1:${prism.port}`);
      expect(prism.pid).toBeGreaterThan(0);

      const ok = await echo(prism, { n: 1 });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ok: true });

      const wrongType = await echo(prism, { n: "one" });
      expect(wrongType.status).toBe(422);
      expect(JSON.stringify(await wrongType.json())).toContain("must be integer");

      const missing = await echo(prism, {});
      expect(missing.status).toBe(422);
      await missing.text();
    } finally {
      await prism.stop();
    }
    expect(await canConnect(prism.port)).toBe(false);
    // The process is gone: signal 0 to its PID fails.
    expect(() => process.kill(prism.pid, 0)).toThrow();
    // stop() is idempotent.
    await prism.stop();
  });

  it("fails with Prism's own output when the spec cannot be loaded", async () => {
    const broken = path.join(dir, "broken.yaml");
    await writeFile(broken, "openapi: 3.0.3\ninfo: {title: broken, version: '1'}\npaths: {}\n");
    await expect(startPrism(broken)).rejects.toThrow(/startPrism failed[\s\S]*last Prism output[\s\S]*No operations found/);
  });

  it("refuses a spec path that does not exist", async () => {
    await expect(startPrism(path.join(dir, "nope.yaml"))).rejects.toThrow(/spec file not found/);
  });
});

describe("global setup", () => {
  it("gives every spec either a running Prism on 127.0.0.1 or a reason why not", async () => {
    const urls = inject("prismUrls");
    const errors = inject("prismErrors");
    for (const name of Object.keys(PRISM_SPECS) as PrismName[]) {
      if (hasPrism(name)) {
        const url = new URL(prismUrl(name));
        expect(url.hostname).toBe("127.0.0.1");
        expect(await canConnect(Number(url.port))).toBe(true);
        expect(urls[name]).toBe(prismUrl(name));
      } else {
        expect(errors[name]).toEqual(expect.any(String));
        expect(() => prismUrl(name)).toThrow(`Prism for "${name}"`);
      }
    }
  });
});
