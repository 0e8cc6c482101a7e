import { createHmac, timingSafeEqual } from "node:crypto";
import type { Store } from "../../storage/store.ts";
import { fileUrlSecret } from "../../storage/file-upload-repo.ts";
import type { ServiceContext } from "../context.ts";
import { FILE_URL_TTL_MS } from "./limits.ts";

/**
 * Turns the file uploads that content names into what reads show: `{url, expiry_time}`, a URL Quire
 * serves (`GET /files/{id}/{name}?expires=…&signature=…`) that stops working at `expiry_time`.
 * Presenters take one of these, so no presenter can show a file without signing it.
 */
export interface FileLinks {
  fileOf(uploadId: string): { url: string; expiry_time: string };
}

const secrets = new WeakMap<Store, Promise<Buffer>>();

function secretOf(store: Store): Promise<Buffer> {
  let secret = secrets.get(store);
  if (!secret) {
    secret = fileUrlSecret(store.db).then((text) => Buffer.from(text, "base64url"));
    secrets.set(store, secret);
    secret.catch(() => secrets.delete(store));
  }
  return secret;
}

function sign(secret: Buffer, uploadId: string, expires: number): string {
  return createHmac("sha256", secret).update(`${uploadId}:${expires}`).digest("base64url");
}

export async function fileLinks(ctx: ServiceContext): Promise<FileLinks> {
  const secret = await secretOf(ctx.store);
  // One expiry per request, on a whole second, so every file of one response shares it.
  const expires = Math.ceil((ctx.clock().getTime() + FILE_URL_TTL_MS) / 1000);
  const expiryTime = new Date(expires * 1000).toISOString();
  return {
    fileOf: (uploadId) => ({
      url: `${ctx.publicUrl}/files/${uploadId}?expires=${expires}&signature=${sign(secret, uploadId, expires)}`,
      expiry_time: expiryTime,
    }),
  };
}

/** Whether a file URL's `expires` and `signature` are Quire's and still current. */
export async function checkFileSignature(
  ctx: ServiceContext,
  uploadId: string,
  expiresText: string | undefined,
  signature: string | undefined,
): Promise<"ok" | "expired" | "invalid"> {
  if (!expiresText || !/^\d{1,12}$/.test(expiresText) || !signature) return "invalid";
  const expires = Number(expiresText);
  const expected = Buffer.from(sign(await secretOf(ctx.store), uploadId, expires));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return expires * 1000 <= ctx.clock().getTime() ? "expired" : "ok";
}
