import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import { parseId } from "../../domain/ids.ts";
import type { ServiceContext } from "../../services/context.ts";
import { openSignedFile } from "../../services/files/download-service.ts";

/** One `bytes=` range (RFC 9110 §14.1.2); several ranges are answered with the whole file, as allowed. */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | "unsatisfiable" | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return undefined;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function refuse(reply: FastifyReply, status: number, message: string) {
  return reply
    .code(status)
    .type("application/json")
    .send({
      object: "error",
      status,
      code: status === 404 ? "object_not_found" : "restricted_resource",
      message,
    });
}

/**
 * `GET /files/{upload id}?expires=…&signature=…`: the signed, expiring URL that reads show for a file
 * Quire holds (`{type:"file", file:{url, expiry_time}}`). Bytes stream from storage; ranges are served.
 */
export function registerFileRoute(app: FastifyInstance, ctx: ServiceContext): void {
  app.route({
    method: ["GET", "HEAD"],
    url: "/files/:upload_id",
    handler: async (request, reply) => {
      const { upload_id: rawId } = request.params as { upload_id: string };
      const query = request.query as Record<string, string | undefined>;
      const id = parseId(rawId);
      if (!id) return refuse(reply, 404, "This file does not exist.");
      const opened = await openSignedFile(ctx, id, query.expires, query.signature);
      if (opened.kind === "invalid") return refuse(reply, 403, "The file URL's signature is not valid.");
      if (opened.kind === "expired") return refuse(reply, 403, "The file URL has expired.");
      if (opened.kind !== "ok") return refuse(reply, 404, "This file does not exist.");
      const { file } = opened;
      // A user's file must not run scripts in Quire's origin (an SVG or HTML file opened inline).
      reply
        .header("content-type", file.contentType)
        .header("content-disposition", contentDisposition(file.filename))
        .header("accept-ranges", "bytes")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox")
        .header("cache-control", "private, max-age=3600");
      const range = parseRange(request.headers.range, file.size);
      if (range === "unsatisfiable") {
        return reply.code(416).header("content-range", `bytes */${file.size}`).send();
      }
      const { start, end } = range ?? { start: 0, end: file.size - 1 };
      if (range) reply.code(206).header("content-range", `bytes ${start}-${end}/${file.size}`);
      reply.header("content-length", String(Math.max(end - start + 1, 0)));
      if (request.method === "HEAD" || file.size === 0) return reply.send();
      // A blob store's own stream goes out as it is; Readable.from would add a hop per chunk.
      const bytes = file.read(start, end);
      return reply.send(bytes instanceof Readable ? bytes : Readable.from(bytes));
    },
  });
}
