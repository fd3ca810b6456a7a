/**
 * A local stand-in for Discord's REST API (Node side): records every request and answers 200 with
 * `{}` (or what a test queued). Tests in workerd read the record with GET /__recorded and can
 * queue a 429 with POST /__next.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export async function startDiscordRecorder(): Promise<{ url: string; close(): Promise<void> }> {
  const recorded: Recorded[] = [];
  const queued: Array<{ status: number; body: unknown; headers?: Record<string, string> }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      if (path === "/__recorded" && req.method === "GET") return send(200, recorded);
      if (path === "/__reset" && req.method === "POST") {
        recorded.length = 0;
        queued.length = 0;
        return send(200, {});
      }
      if (path === "/__next" && req.method === "POST") {
        queued.push(JSON.parse(text));
        return send(200, {});
      }
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // keep the raw text
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      recorded.push({ method: req.method ?? "", path, headers, body });
      const next = queued.shift();
      if (next) return send(next.status, next.body, next.headers);
      return send(200, { id: "1", ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
