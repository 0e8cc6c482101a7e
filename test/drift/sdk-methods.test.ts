import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@notionhq/client";
import { describe, expect, it } from "vitest";

/**
 * docs/compatibility.md's first table must name every endpoint method the installed SDK's `Client`
 * has (served or not), so a new SDK release that adds one fails here until the table says what Quire
 * does with it.
 */

function sdkMethods(): string[] {
  const client = new Client({ auth: "ntn_unused" });
  const methods: string[] = [];
  const walk = (value: object, prefix: string): void => {
    for (const [key, member] of Object.entries(value)) {
      if (typeof member === "function") methods.push(`${prefix}${key}`);
      else if (member && typeof member === "object" && prefix.split(".").length < 3) {
        walk(member as object, `${prefix}${key}.`);
      }
    }
  };
  for (const name of Object.getOwnPropertyNames(client)) {
    const member: unknown = (client as unknown as Record<string, unknown>)[name];
    if (!name.startsWith("#") && !name.startsWith("_") && member && typeof member === "object") {
      walk(member, `${name}.`);
    }
  }
  // `search` is a method of the client itself; `request` is the generic escape hatch, not an endpoint.
  return [...methods, "search"];
}

function documentedMethods(): Set<string> {
  const doc = readFileSync(join(import.meta.dirname, "..", "..", "docs", "compatibility.md"), "utf8");
  const table = doc.split("\n## Endpoints\n")[0] ?? "";
  const firstColumn = [...table.matchAll(/^\| ([^|]+)\|/gm)].map(([, cell]) => cell ?? "");
  return new Set(firstColumn.flatMap((cell) => [...cell.matchAll(/`([\w.]+)`/g)].map(([, m]) => m ?? "")));
}

describe("docs/compatibility.md", () => {
  it("names every SDK endpoint method", () => {
    const methods = sdkMethods();
    expect(methods.length).toBeGreaterThan(60);
    const documented = documentedMethods();
    expect(methods.filter((method) => !documented.has(method))).toEqual([]);
  });
});
