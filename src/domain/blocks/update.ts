import { validationError } from "../../errors.ts";
import { type JsonObject, expectation, fail, notPresent, requireObject } from "../validation.ts";
import { isCreatableType } from "./catalogue.ts";
import { specFor } from "./registry.ts";

function typeChange(path: string, from: string, to: string, value: unknown): never {
  const root = /^[a-z_]+/i.exec(path)?.[0] ?? "body";
  throw validationError(
    `${root} failed validation: ${expectation(path, "not present", value)} ` +
      `A block's type cannot be changed from \`${from}\` to \`${to}\`; update it with the \`${from}\` key.`,
  );
}

/**
 * Validates a PATCH /v1/blocks/{id} body for a block of `type` and returns its stored content with the
 * body's partial `<type>` object merged in. The body must use the block's own type key (S5
 * `UpdateBlockBodyParameters`). `in_trash`/`archived` are left to the caller, so a body carrying only
 * those (or nothing this type can change) returns `current` as it is.
 */
export function parseBlockUpdate(
  type: string,
  current: JsonObject,
  body: JsonObject,
  path = "body",
): JsonObject {
  const declared = body.type;
  if (declared !== undefined && declared !== type) {
    if (isCreatableType(declared)) typeChange(`${path}.type`, type, declared, declared);
    fail(`${path}.type`, `\`"${type}"\``, declared);
  }
  for (const key of Object.keys(body)) {
    if (key !== type && isCreatableType(key) && body[key] !== undefined) {
      typeChange(`${path}.${key}`, type, key, body[key]);
    }
  }
  const raw = body[type];
  const spec = specFor(type);
  if (raw === undefined || !spec) return current;
  const typePath = `${path}.${type}`;
  const input = requireObject(raw, typePath);
  notPresent(input.children, `${typePath}.children`);
  return spec.update(current, input, typePath);
}
