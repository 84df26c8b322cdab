// One replay server for a test file: started before its tests, reset before each, stopped after.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startReplayServer, type ReplayServer } from "./replay-server.js";

/** The file's server, reached through `current()` once `beforeAll` has run. */
export function useReplayServer(): () => ReplayServer {
  let server: ReplayServer | undefined;
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(() => server?.reset());
  return () => {
    if (!server) throw new Error("the replay server starts in beforeAll: use it inside a test");
    return server;
  };
}
