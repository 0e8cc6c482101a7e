import { parseBlockUpdate } from "../../domain/blocks/index.ts";
import { parseId } from "../../domain/ids.ts";
import { type JsonObject, fail, requireObject } from "../../domain/validation.ts";
import { type ApiVersion, servesArchived } from "../../domain/versions.ts";
import { validationError } from "../../errors.ts";
import { trashRequest } from "../../domain/trash-request.ts";
import type { AppendRequest, UpdateBlockRequest } from "../../services/blocks/block-service.ts";

/**
 * Request schemas of `/v1/blocks`: the wire body in, camelCase requests out, checked in the order
 * Notion checks them. What a block's content may hold depends on its stored type, so those parts are
 * read by the domain parsers (domain/blocks/) once the service has loaded the block.
 */

/** `PATCH /v1/blocks/{id}`: `in_trash` (or `archived`), and the changes to the block's `<type>` object. */
export function parseUpdateBlock(body: JsonObject, version: ApiVersion): UpdateBlockRequest {
  const inTrash = trashRequest(body, version);
  return { inTrash, readContent: (type, current) => parseBlockUpdate(type, current, body) };
}

/** Parses `PATCH /v1/blocks/{id}/children`: `after` (≤ 2025-09-03) or `position`, never both. */
export function parseAppendBlockChildren(body: JsonObject, version: ApiVersion): AppendRequest {
  const children = body.children;
  if (children === undefined) fail("body.children", "defined", children);
  if (body.after !== undefined && !servesArchived(version)) fail("body.after", "not present", body.after);
  if (body.after !== undefined && body.position !== undefined) {
    throw validationError("body failed validation: You cannot specify both after and position.");
  }
  if (body.after !== undefined) {
    const afterId = parseId(String(body.after));
    if (typeof body.after !== "string" || !afterId) fail("body.after", "a valid uuid", body.after);
    return { children, afterId, position: "after_block" };
  }
  if (body.position === undefined) return { children, afterId: null, position: "end" };
  const position = requireObject(body.position, "body.position");
  if (position.type === "start" || position.type === "end")
    return { children, afterId: null, position: position.type };
  if (position.type !== "after_block")
    fail("body.position.type", '`"start"`, `"end"`, or `"after_block"`', position.type);
  const after = requireObject(position.after_block, "body.position.after_block");
  const afterId = typeof after.id === "string" ? parseId(after.id) : null;
  if (!afterId) fail("body.position.after_block.id", "a valid uuid", after.id);
  return { children, afterId, position: "after_block" };
}
