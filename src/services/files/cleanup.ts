import { blobStoreOf } from "../../storage/blobs/blob-store.ts";
import type { Store } from "../../storage/store.ts";
import { expireUploads } from "../../storage/file-upload-repo.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { recordUploadEvent } from "../webhooks/upload-events.ts";

/** How often one process sweeps at most: the sweep is one indexed query when nothing has lapsed. */
const SWEEP_EVERY_MS = 60_000;
const lastSweep = new WeakMap<Store, number>();

/**
 * Uploads never attached expire an hour after creation (D:docs/uploading-small-files); their blobs
 * are deleted here and the row stays as `expired`, as Notion lists it. Runs on the side of upload
 * writes, at most once a minute per process, so no timer has to live in the server.
 */
export async function sweepExpiredUploads(ctx: ServiceContext, force = false): Promise<number> {
  const now = ctx.clock().getTime();
  const last = lastSweep.get(ctx.store);
  if (!force && last !== undefined && now - last < SWEEP_EVERY_MS && now >= last) return 0;
  lastSweep.set(ctx.store, now);
  const expired = await ctx.store.transaction(async (trx) => {
    const lapsed = await expireUploads(trx, nowIso(ctx));
    // Notion sends file_upload.expired; Quire notices the expiry here, so the event comes with the sweep.
    for (const upload of lapsed) await recordUploadEvent(trx, ctx, upload, "file_upload.expired");
    return lapsed;
  });
  const blobs = await blobStoreOf(ctx.store);
  for (const { id } of expired) await blobs.removePrefix(`${id}.`);
  return expired.length;
}
