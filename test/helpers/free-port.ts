// Port helpers shared by the test servers. Everything binds 127.0.0.1 only.
import net from "node:net";

export const LOOPBACK = "127.0.0.1";

/**
 * Ask the OS for a free TCP port on 127.0.0.1: bind port 0, read the port, close.
 * There is a small window in which another process could take the port; callers
 * that hand it to a child process (Prism) retry on EADDRINUSE.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("freePort: could not read the bound address"));
        return;
      }
      const { port } = address;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

/** An http://127.0.0.1:<port> URL on which nothing listens (connections are refused). */
export async function refusedUrl(): Promise<string> {
  return `http://${LOOPBACK}:${await freePort()}`;
}

/** Resolve true if a TCP connection to 127.0.0.1:port succeeds, false if it is refused or fails. */
export function canConnect(port: number, host: string = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.removeAllListeners();
      socket.on("error", () => {});
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
