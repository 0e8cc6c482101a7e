import { type JsonObject, isObject, show } from "../../domain/validation.ts";

/** Reads untyped seed input, collecting every problem with its path instead of stopping at the first. */
export class Reader {
  readonly issues: string[] = [];

  issue(path: string, message: string): void {
    if (this.issues.length < 50) this.issues.push(`${path}: ${message}`);
  }

  object(value: unknown, path: string, allowed: readonly string[]): JsonObject | undefined {
    if (!isObject(value)) {
      this.issue(path, `should be an object, instead was \`${show(value)}\``);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.issue(`${path}.${key}`, `unknown field (expected one of ${allowed.join(", ")})`);
    }
    return value;
  }

  string(value: unknown, path: string, required: true): string;
  string(value: unknown, path: string, required?: false): string | undefined;
  string(value: unknown, path: string, required = false): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.issue(path, "is required");
      return required ? "" : undefined;
    }
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    this.issue(path, `should be a string, instead was \`${show(value)}\``);
    return undefined;
  }

  list(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.issue(path, `should be a list, instead was \`${show(value)}\``);
    return [];
  }
}
