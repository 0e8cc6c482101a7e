import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { type Store, migrate, openStore } from "../../src/storage/store.ts";
import { testDatabaseOptions } from "../support/test-database.ts";
import { documentedRoutes } from "../support/endpoint-table.ts";

/**
 * The endpoint table in docs/compatibility.md is the list a user reads to know what Quire serves; it
 * must be the list the server registers, route for route, so neither can change without the other.
 */

/**
 * Fastify prints its routing tree as lines of `├── segment (METHODS)`, four characters of indent per
 * level; a route's path is its ancestors' segments joined.
 */
function registeredRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const [, indent = "", segment = "", methods] = match;
    const depth = indent.length / 4;
    stack.length = depth;
    stack.push(segment);
    const path = stack
      .join("")
      .replace(/^\/?/, "/")
      .replace(/:(\w+)/g, "{$1}");
    for (const method of methods?.split(", ") ?? []) {
      if (method !== "HEAD") routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

let store: Store;
let app: FastifyInstance;
beforeAll(async () => {
  store = openStore(testDatabaseOptions());
  await migrate(store);
  app = createApp({ store, clock: () => new Date(), publicUrl: "" });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe("the endpoint table", () => {
  it("lists exactly the /v1 routes the server registers", () => {
    const registered = registeredRoutes(app.printRoutes({ commonPrefix: false }))
      .filter((route) => route.split(" ")[1]?.startsWith("/v1/"))
      .sort();
    expect(registered.length).toBeGreaterThan(30);
    expect(documentedRoutes().sort()).toEqual(registered);
  });

  it("reads a routing tree the way Fastify prints it", () => {
    const tree = [
      "└── / (GET)",
      "    ├── v1/pages (POST)",
      "    │   └── /:page_id (GET, HEAD, PATCH)",
      "    └── x",
    ];
    expect(registeredRoutes(tree.join("\n"))).toEqual([
      "GET /",
      "POST /v1/pages",
      "GET /v1/pages/{page_id}",
      "PATCH /v1/pages/{page_id}",
    ]);
  });
});
