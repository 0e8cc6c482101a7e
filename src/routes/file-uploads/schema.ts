import { type JsonObject, expectation, fail, failOneOf } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import { queryPage, type Query } from "../../http/params.ts";
import type { CreateUploadRequest, ListUploadsRequest } from "../../services/files/upload-service.ts";
import { MAX_FILENAME_BYTES, MAX_PARTS } from "../../services/files/limits.ts";

/** Notion caps every URL at 2,000 characters (reference/request-limits). */
const MAX_URL_LENGTH = 2000;
const MODES = ["single_part", "multi_part", "external_url"] as const;
const STATUSES = ["pending", "uploaded", "expired", "failed"] as const;

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") fail(path, "a string", value);
  return value;
}

/** `POST /v1/file_uploads` (D:reference/create-a-file-upload). */
export function parseCreateUpload(body: JsonObject): CreateUploadRequest {
  const modeValue = body.mode ?? "single_part";
  if (typeof modeValue !== "string" || !(MODES as readonly string[]).includes(modeValue)) {
    failOneOf(
      "body.mode",
      MODES.map((m) => expectation("body.mode", `\`"${m}"\``, modeValue)),
    );
  }
  const mode = modeValue as CreateUploadRequest["mode"];
  const filename = optionalString(body.filename, "body.filename");
  if (filename !== undefined && Buffer.byteLength(filename) > MAX_FILENAME_BYTES) {
    fail("body.filename", `a string of at most ${MAX_FILENAME_BYTES} bytes`, filename);
  }
  const contentType = optionalString(body.content_type, "body.content_type");
  let numberOfParts: number | undefined;
  if (mode === "multi_part") {
    const parts = body.number_of_parts;
    if (parts === undefined || parts === null) fail("body.number_of_parts", "defined", parts);
    if (typeof parts !== "number" || !Number.isInteger(parts))
      fail("body.number_of_parts", "an integer", parts);
    if (parts < 1) fail("body.number_of_parts", "≥ `1`", parts);
    if (parts > MAX_PARTS) fail("body.number_of_parts", `≤ \`${MAX_PARTS}\``, parts);
    numberOfParts = parts;
    if (filename === undefined) fail("body.filename", "defined", filename);
  } else if (body.number_of_parts !== undefined) {
    throw validationError("`number_of_parts` may only be given when `mode` is `multi_part`.");
  }
  const externalUrl = optionalString(body.external_url, "body.external_url");
  if (mode === "external_url") {
    if (externalUrl === undefined) fail("body.external_url", "defined", body.external_url);
    if (externalUrl.length > MAX_URL_LENGTH)
      fail("body.external_url", `≤ ${MAX_URL_LENGTH} characters`, externalUrl);
    if (filename === undefined) fail("body.filename", "defined", filename);
  } else if (externalUrl !== undefined) {
    throw validationError("`external_url` may only be given when `mode` is `external_url`.");
  }
  return { mode, filename, contentType, numberOfParts, externalUrl };
}

/** `GET /v1/file_uploads?status=…` */
export function parseListUploads(query: Query): ListUploadsRequest {
  const raw = query.status;
  const status = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    failOneOf(
      "query.status",
      STATUSES.map((s) => expectation("query.status", `\`"${s}"\``, status)),
    );
  }
  const page = queryPage(query);
  return {
    status: status as ListUploadsRequest["status"],
    startCursor: page.startCursor,
    pageSize: page.pageSize,
  };
}
