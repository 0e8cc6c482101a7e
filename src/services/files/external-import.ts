import { randomUUID } from "node:crypto";
import { recordUploadEvent } from "../webhooks/upload-events.ts";
import { extensionOf, normalizeType, typeOfExtension } from "../../domain/files/file-types.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import { blobStoreOf } from "../../storage/blobs/blob-store.ts";
import { type FileUploadRecord, putPart, updateFileUpload } from "../../storage/file-upload-repo.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import {
  OutboundError,
  type OutboundOptions,
  checkOutboundUrl,
  networkList,
  outboundFetch,
} from "../net/outbound-fetch.ts";
import { workspaceFileMaxBytes } from "./limits.ts";

function outboundOptions(ctx: ServiceContext): OutboundOptions {
  const ranges = ctx.allowedNetworks ?? [];
  return {
    allowPrivateNetwork: ctx.allowPrivateNetwork === true,
    ...(ranges.length > 0 ? { allowedNetworks: networkList(ranges) } : {}),
    maxBytes: workspaceFileMaxBytes(),
  };
}

/**
 * What `POST /v1/file_uploads` with `external_url` checks before accepting the import: the URL is
 * https (plain http only where private networks are allowed) and resolves to a public address (Notion:
 * "the URL must be publicly accessible and use SSL", D:docs/importing-external-files).
 */
export async function checkImportUrl(ctx: ServiceContext, url: string): Promise<void> {
  try {
    await checkOutboundUrl(url, outboundOptions(ctx));
  } catch (error) {
    if (error instanceof OutboundError) throw validationError(`external_url is not usable: ${error.message}`);
    throw validationError("external_url could not be resolved.");
  }
}

function failure(type: string, code: string, message: string, status: number | null): JsonObject {
  return { type, code, message, parameter: status === null ? "external_url" : null, status_code: status };
}

/**
 * Downloads an external_url upload in the background, as Notion does: the upload stays `pending` until
 * the bytes are stored (`uploaded`, `file_import_result.type: "success"`) or the download fails
 * (`failed`, with the error). An import cut off by a stopped process stays pending until it expires.
 */
export function startImport(ctx: ServiceContext, upload: FileUploadRecord): void {
  void runImport(ctx, upload).catch(() => undefined);
}

async function runImport(ctx: ServiceContext, upload: FileUploadRecord): Promise<void> {
  const blobs = await blobStoreOf(ctx.store);
  const blobKey = `${upload.id}.${randomUUID()}`;
  // Only failures go through here: `file_upload.upload_failed` with the import's result.
  const finish = async (changes: Partial<FileUploadRecord>) => {
    await ctx.store.transaction(async (trx) => {
      await updateFileUpload(trx, upload.id, { ...changes, lastEditedTime: nowIso(ctx) });
      await recordUploadEvent(
        trx,
        ctx,
        upload,
        "file_upload.upload_failed",
        changes.importResult ?? undefined,
      );
    });
  };
  try {
    const response = await outboundFetch(upload.externalUrl ?? "", outboundOptions(ctx));
    if (response.status < 200 || response.status > 299) {
      for await (const _ of response.body) void _;
      await finish({
        status: "failed",
        importResult: {
          imported_time: nowIso(ctx),
          type: "error",
          error: failure(
            "download_error",
            "http_error",
            `The URL answered ${response.status}.`,
            response.status,
          ),
        },
      });
      return;
    }
    const given = response.headers["content-type"];
    const type = given ? normalizeType(given) : undefined;
    const extension = upload.filename ? extensionOf(upload.filename) : undefined;
    const expected = extension ? typeOfExtension(extension) : undefined;
    const contentType = upload.contentType ?? expected ?? type ?? null;
    const size = await blobs.write(
      blobKey,
      response.body,
      workspaceFileMaxBytes(),
      () => new OutboundError("too_large", "The file is larger than the workspace's limit."),
    );
    await ctx.store.transaction(async (trx) => {
      await putPart(trx, upload.id, { partNumber: 1, size, blobKey });
      await updateFileUpload(trx, upload.id, {
        status: "uploaded",
        contentLength: size,
        contentType,
        lastEditedTime: nowIso(ctx),
        importResult: { imported_time: nowIso(ctx), type: "success", success: {} },
      });
      await recordUploadEvent(trx, ctx, upload, "file_upload.completed");
    });
  } catch (error) {
    await blobs.remove([blobKey]);
    const message = error instanceof Error ? error.message : String(error);
    const reason = error instanceof OutboundError ? error.reason : "network_error";
    const type =
      reason === "blocked_address" || reason === "invalid_url" ? "validation_error" : "download_error";
    await finish({
      status: "failed",
      importResult: {
        imported_time: nowIso(ctx),
        type: "error",
        error: failure(type, reason, message, null),
      },
    });
  }
}
