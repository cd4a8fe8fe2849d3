/**
 * npm run serve: build, then serve dist/ on http://localhost:3000 (PORT to change).
 * Sends `Access-Control-Allow-Origin: *` so that the embed modules load on other origins.
 */
import { createServer, type Server } from "node:http";
import { resolve } from "node:path";
import sirv from "sirv";

export function serveStatic(dir: string, port: number, host = "127.0.0.1"): Promise<Server> {
  const handler = sirv(resolve(dir), {
    extensions: ["html"],
    dev: false,
    etag: true,
    setHeaders: (res) => res.setHeader("Access-Control-Allow-Origin", "*"),
  });
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end("Not found");
    }),
  );
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.env.PORT ?? 3000);
  await serveStatic(dir, port);
  console.log(`framelens: serving ${dir} at http://localhost:${port}/`);
}
