/**
 * A local HTTP server that stands in for a Discord webhook: it records every POST body under its
 * path and gives them back on GET, so tests in workerd can assert exactly which messages were sent.
 * `control` adds POST /control/{name} actions (freezing a stand-in) for tests that cannot do it themselves.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function startRecorder(control: Record<string, () => void> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const recorded = new Map<string, unknown[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const action = control[path.replace(/^\/control\//, "")];
      if (req.method === "POST" && path.startsWith("/control/") && action) {
        action();
        res.writeHead(204).end();
        return;
      }
      if (req.method === "POST") {
        const list = recorded.get(path) ?? [];
        list.push(JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"));
        recorded.set(path, list);
        res.writeHead(204).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(recorded.get(path) ?? []));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
