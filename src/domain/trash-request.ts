import { validationError } from "../errors.ts";
import { type JsonObject, fail, optionalBoolean } from "./validation.ts";
import { type ApiVersion, servesArchived } from "./versions.ts";

/** `in_trash`, or the deprecated `archived` where the version still has it; both must agree. */
export function trashRequest(body: JsonObject, version: ApiVersion): boolean | undefined {
  const inTrash = optionalBoolean(body.in_trash, "body.in_trash");
  if (!servesArchived(version) && body.archived !== undefined)
    fail("body.archived", "not present", body.archived);
  const archived = optionalBoolean(body.archived, "body.archived");
  if (inTrash !== undefined && archived !== undefined && inTrash !== archived) {
    throw validationError(
      "body failed validation: body.archived and body.in_trash must match when both are given.",
    );
  }
  return inTrash ?? archived;
}
