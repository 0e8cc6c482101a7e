import type { Ajv, ValidateFunction } from "ajv";

/**
 * Says where an answer differs from an SDK response type, in words. Ajv's own errors are no help with the
 * SDK's unions (a page is "full or partial", a block one of 30 types): every member reports its errors.
 * This walks the schema beside the value instead, and at each union follows the member the value meant to
 * be: the one whose `type`/`object` constants match, then the one declaring the most of its keys.
 */

type Schema = {
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
};

export class MismatchExplainer {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    private readonly ajv: Ajv,
    private readonly schemaId: string,
    private readonly definitions: Record<string, unknown>,
  ) {}

  /** Up to `limit` differences between `value` and the schema at `pointer` (e.g. `#/definitions/X`). */
  explain(pointer: string, value: unknown, limit = 6): string[] {
    return this.walk(pointer, value, "", limit);
  }

  private valid(pointer: string, value: unknown): boolean {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${this.schemaId}${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate(value);
  }

  private resolve(pointer: string): { pointer: string; node: Schema } {
    let node = this.at(pointer);
    for (let hops = 0; node.$ref && hops < 20; hops++) {
      pointer = node.$ref;
      node = this.at(pointer);
    }
    return { pointer, node };
  }

  private at(pointer: string): Schema {
    const keys = pointer.replace(/^#\//, "").split("/");
    let node: unknown = { definitions: this.definitions };
    for (const key of keys)
      node = (node as Record<string, unknown>)[key.replaceAll("~1", "/").replaceAll("~0", "~")];
    return node as Schema;
  }

  private walk(start: string, value: unknown, path: string, limit: number): string[] {
    if (limit <= 0 || this.valid(start, value)) return [];
    const { pointer, node } = this.resolve(start);
    const where = path || "the answer";
    const union = node.anyOf ? "anyOf" : node.oneOf ? "oneOf" : undefined;
    if (union) {
      const members = (node[union] ?? []).map((_, i) => `${pointer}/${union}/${i}`);
      const closest = members
        .map((member) => ({ member, distance: this.distance(member, value) }))
        .sort((a, b) => a.distance - b.distance)[0];
      return closest ? this.walk(closest.member, value, path, limit) : [`${where} matches no member`];
    }
    if (node.allOf)
      return node.allOf.flatMap((_, i) => this.walk(`${pointer}/allOf/${i}`, value, path, limit));
    if (isObject(value) && (node.properties || node.required || node.additionalProperties !== undefined)) {
      const found: string[] = [];
      for (const key of node.required ?? [])
        if (!(key in value)) found.push(`${where} has no "${key}", which the type requires`);
      for (const [key, child] of Object.entries(value)) {
        if (found.length >= limit) break;
        if (node.properties && key in node.properties)
          found.push(
            ...this.walk(
              `${pointer}/properties/${escape(key)}`,
              child,
              `${path}/${key}`,
              limit - found.length,
            ),
          );
        else if (node.additionalProperties === false || closed(node.additionalProperties))
          found.push(`${where} has "${key}", which the type doesn't have`);
        else if (node.additionalProperties && typeof node.additionalProperties === "object")
          found.push(
            ...this.walk(`${pointer}/additionalProperties`, child, `${path}/${key}`, limit - found.length),
          );
      }
      if (found.length) return found.slice(0, limit);
    }
    if (Array.isArray(value) && node.items) {
      const found: string[] = [];
      value.forEach((item, i) => {
        if (found.length < limit)
          found.push(...this.walk(`${pointer}/items`, item, `${path}/${i}`, limit - found.length));
      });
      if (found.length) return found.slice(0, limit);
    }
    return [`${where} is ${JSON.stringify(value)?.slice(0, 120)}, not ${expected(node)}`];
  }

  /** How far `value` is from a union member: a differing discriminator outweighs any count of keys. */
  private distance(member: string, value: unknown, depth = 0): number {
    const { pointer, node } = this.resolve(member);
    const union = node.anyOf ? "anyOf" : node.oneOf ? "oneOf" : undefined;
    if (union && depth < 5)
      return Math.min(
        ...(node[union] ?? []).map((_, i) => this.distance(`${pointer}/${union}/${i}`, value, depth + 1)),
      );
    const types = [node.type ?? []].flat();
    const kind = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
    if (types.length && !types.includes(kind) && !(kind === "number" && types.includes("integer")))
      return 10_000;
    if (!isObject(value)) return this.valid(member, value) ? 0 : 1;
    let distance = 0;
    for (const key of ["type", "object"]) {
      const wanted = node.properties?.[key]?.const;
      if (wanted !== undefined && value[key] !== wanted) distance += 1_000;
    }
    for (const key of node.required ?? []) if (!(key in value)) distance += 10;
    if (node.additionalProperties === false || closed(node.additionalProperties))
      for (const key of Object.keys(value)) if (!node.properties || !(key in node.properties)) distance += 10;
    return distance;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `Record<string, never>` (the SDK's EmptyObject) comes out as `additionalProperties: {not: {}}`. */
function closed(additional: Schema["additionalProperties"]): boolean {
  return typeof additional === "object" && "not" in additional;
}

function escape(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

function expected(node: Schema): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(", ")}`.slice(0, 200);
  if (node.type) return `of type ${[node.type].flat().join(" or ")}`;
  return "what the type allows";
}
