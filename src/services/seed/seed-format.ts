import { parse as parseYaml } from "yaml";
import { PROPERTY_TYPES } from "../../domain/properties/types.ts";
import { type JsonObject, isObject, show } from "../../domain/validation.ts";
import { Reader } from "./seed-reader.ts";
import { CAPABILITIES, type Capability, DEFAULT_CAPABILITIES } from "../access/viewer.ts";

/**
 * A seed file describes a workspace to create: people, integrations, pages with content, and databases
 * with a schema and rows (docs/testing-your-integration.md#seed-files). Values use the Notion API's
 * shapes, with shorthands for the common cases ("Done" for a select, a string for a paragraph). Keys
 * name objects inside the seed so relations, sharing and links can point at them.
 */
export interface Seed {
  workspace: { name?: string | undefined };
  users: SeedUser[];
  integrations: SeedIntegration[];
  pages: SeedPage[];
  databases: SeedDatabase[];
}

export interface SeedUser {
  path: string;
  key: string | undefined;
  name: string;
  email: string | undefined;
}

export interface SeedIntegration {
  path: string;
  name: string;
  capabilities: Capability[];
  /** A fixed `ntn_…` secret, so a test suite can hard-code it; otherwise one is minted. */
  token: string | undefined;
  /** Keys of pages or databases shared with it (with everything below them). */
  share: string[];
}

export interface SeedPage {
  path: string;
  key: string | undefined;
  title: string;
  icon: string | undefined;
  cover: string | undefined;
  content: unknown[];
  pages: SeedPage[];
  databases: SeedDatabase[];
}

export interface SeedDatabase {
  path: string;
  key: string | undefined;
  title: string;
  icon: string | undefined;
  description: string | undefined;
  inline: boolean;
  /** Property name → definition: a type name, `{type, …settings}`, or Notion's own `{<type>: {…}}`. */
  properties: Record<string, JsonObject>;
  rows: SeedRow[];
}

export interface SeedRow {
  path: string;
  key: string | undefined;
  icon: string | undefined;
  properties: JsonObject;
  content: unknown[];
}

/** Everything wrong with a seed, each issue naming where it is (`pages[0].databases[1].title`). */
export class SeedError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid seed:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "SeedError";
  }
}

/** Parses seed text, YAML or JSON (YAML is a superset of JSON), then validates it. */
export function parseSeedText(text: string, source = "seed"): Seed {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new SeedError([`${source} is not valid YAML or JSON: ${(error as Error).message}`]);
  }
  return readSeed(value);
}

export function readSeed(value: unknown): Seed {
  const r = new Reader();
  const root =
    value === undefined || value === null
      ? {}
      : (r.object(value, "seed", ["workspace", "users", "integrations", "pages", "databases"]) ?? {});
  const workspace =
    root.workspace === undefined ? undefined : r.object(root.workspace, "workspace", ["name"]);
  const seed: Seed = {
    workspace: { name: r.string(workspace?.name, "workspace.name") },
    users: r.list(root.users, "users").map((u, i) => readUser(r, u, `users[${i}]`)),
    integrations: r
      .list(root.integrations, "integrations")
      .map((x, i) => readIntegration(r, x, `integrations[${i}]`)),
    pages: r.list(root.pages, "pages").map((p, i) => readPage(r, p, `pages[${i}]`)),
    databases: r.list(root.databases, "databases").map((d, i) => readDatabase(r, d, `databases[${i}]`)),
  };
  checkReferences(r, seed);
  if (r.issues.length > 0) throw new SeedError(r.issues);
  return seed;
}

function readUser(r: Reader, value: unknown, path: string): SeedUser {
  const o = r.object(value, path, ["key", "name", "email"]) ?? {};
  return {
    path,
    key: r.string(o.key, `${path}.key`),
    name: r.string(o.name, `${path}.name`, true),
    email: r.string(o.email, `${path}.email`),
  };
}

function readIntegration(r: Reader, value: unknown, path: string): SeedIntegration {
  const o = r.object(value, path, ["name", "capabilities", "token", "share"]) ?? {};
  const capabilities =
    o.capabilities === undefined ? undefined : r.list(o.capabilities, `${path}.capabilities`);
  capabilities?.forEach((c, i) => {
    if (!(CAPABILITIES as readonly unknown[]).includes(c))
      r.issue(
        `${path}.capabilities[${i}]`,
        `unknown capability \`${show(c)}\` (known: ${CAPABILITIES.join(", ")})`,
      );
  });
  const token = r.string(o.token, `${path}.token`);
  if (token !== undefined && !/^(ntn|secret)_[A-Za-z0-9]{20,}$/.test(token))
    r.issue(
      `${path}.token`,
      "should look like a Notion token: `ntn_` followed by at least 20 letters or digits",
    );
  return {
    path,
    name: r.string(o.name, `${path}.name`, true),
    capabilities: (capabilities as Capability[] | undefined) ?? DEFAULT_CAPABILITIES,
    token,
    share: r.list(o.share, `${path}.share`).map((s, i) => r.string(s, `${path}.share[${i}]`, true)),
  };
}

function readPage(r: Reader, value: unknown, path: string): SeedPage {
  const o = r.object(value, path, ["key", "title", "icon", "cover", "content", "pages", "databases"]) ?? {};
  return {
    path,
    key: r.string(o.key, `${path}.key`),
    title: r.string(o.title, `${path}.title`, true),
    icon: r.string(o.icon, `${path}.icon`),
    cover: r.string(o.cover, `${path}.cover`),
    content: r.list(o.content, `${path}.content`),
    pages: r.list(o.pages, `${path}.pages`).map((p, i) => readPage(r, p, `${path}.pages[${i}]`)),
    databases: r
      .list(o.databases, `${path}.databases`)
      .map((d, i) => readDatabase(r, d, `${path}.databases[${i}]`)),
  };
}

/** Friendly schema entries: `{type, options | expression | database + dual | relation + property + function | format | prefix}`. */
const FRIENDLY_FIELDS = [
  "type",
  "options",
  "expression",
  "database",
  "dual",
  "relation",
  "property",
  "function",
  "format",
  "prefix",
];

function readProperty(r: Reader, value: unknown, path: string): JsonObject {
  if (typeof value === "string") {
    if (!(PROPERTY_TYPES as readonly string[]).includes(value))
      r.issue(path, `unknown property type "${value}"`);
    return { type: value };
  }
  if (!isObject(value)) {
    r.issue(path, `should be a property type name or an object, instead was \`${show(value)}\``);
    return { type: "rich_text" };
  }
  if (value.type === undefined) {
    // Notion's own shape: exactly one key, the type.
    const keys = Object.keys(value);
    const [type] = keys;
    if (keys.length !== 1 || !(PROPERTY_TYPES as readonly string[]).includes(type ?? ""))
      r.issue(path, `should name its type: \`{ type: select, … }\` or Notion's \`{ select: { … } }\``);
    return { type: type ?? "rich_text", notion: value[type ?? ""] ?? {} };
  }
  r.object(value, path, FRIENDLY_FIELDS);
  if (typeof value.type !== "string" || !(PROPERTY_TYPES as readonly string[]).includes(value.type))
    r.issue(`${path}.type`, `unknown property type \`${show(value.type)}\``);
  if (value.type === "relation" && typeof value.database !== "string")
    r.issue(`${path}.database`, "a relation needs the key of the database it points at");
  if (value.type === "formula" && typeof value.expression !== "string")
    r.issue(`${path}.expression`, "a formula needs an expression");
  if (value.type === "rollup" && (typeof value.relation !== "string" || typeof value.property !== "string"))
    r.issue(
      path,
      "a rollup needs `relation` (a relation property's name) and `property` (a property of the related database)",
    );
  return value;
}

function readDatabase(r: Reader, value: unknown, path: string): SeedDatabase {
  const o =
    r.object(value, path, ["key", "title", "icon", "description", "inline", "properties", "rows"]) ?? {};
  const properties: Record<string, JsonObject> = {};
  const given =
    o.properties === undefined
      ? { Name: "title" }
      : r.object(o.properties, `${path}.properties`, Object.keys(o.properties as object));
  for (const [name, definition] of Object.entries(given ?? {})) {
    properties[name] = readProperty(r, definition, `${path}.properties.${name}`);
  }
  const titles = Object.values(properties).filter((p) => p.type === "title").length;
  if (titles !== 1) r.issue(`${path}.properties`, `needs exactly one title property, found ${titles}`);
  if (o.inline !== undefined && typeof o.inline !== "boolean")
    r.issue(`${path}.inline`, "should be true or false");
  return {
    path,
    key: r.string(o.key, `${path}.key`),
    title: r.string(o.title, `${path}.title`, true),
    icon: r.string(o.icon, `${path}.icon`),
    description: r.string(o.description, `${path}.description`),
    inline: o.inline === true,
    properties,
    rows: r.list(o.rows, `${path}.rows`).map((row, i) => readRow(r, row, `${path}.rows[${i}]`, properties)),
  };
}

function readRow(r: Reader, value: unknown, path: string, schema: Record<string, JsonObject>): SeedRow {
  const o = r.object(value, path, ["key", "icon", "properties", "content"]) ?? {};
  const properties =
    o.properties === undefined
      ? {}
      : (r.object(o.properties, `${path}.properties`, Object.keys(schema)) ?? {});
  return {
    path,
    key: r.string(o.key, `${path}.key`),
    icon: r.string(o.icon, `${path}.icon`),
    properties,
    content: r.list(o.content, `${path}.content`),
  };
}

/** Every page, database and row of the seed, depth first. */
export function* seedObjects(seed: Seed): Generator<SeedPage | SeedDatabase | SeedRow> {
  function* database(d: SeedDatabase): Generator<SeedDatabase | SeedRow> {
    yield d;
    yield* d.rows;
  }
  function* page(p: SeedPage): Generator<SeedPage | SeedDatabase | SeedRow> {
    yield p;
    for (const child of p.pages) yield* page(child);
    for (const d of p.databases) yield* database(d);
  }
  for (const p of seed.pages) yield* page(p);
  for (const d of seed.databases) yield* database(d);
}

export function seedDatabases(seed: Seed): SeedDatabase[] {
  return [...seedObjects(seed)].filter((o): o is SeedDatabase => "rows" in o);
}

function checkReferences(r: Reader, seed: Seed): void {
  const keys = new Map<string, string>();
  for (const object of seedObjects(seed)) {
    if (object.key === undefined) continue;
    const earlier = keys.get(object.key);
    if (earlier) r.issue(`${object.path}.key`, `"${object.key}" is already the key of ${earlier}`);
    else keys.set(object.key, object.path);
  }
  const databaseKeys = new Set(seedDatabases(seed).flatMap((d) => (d.key ? [d.key] : [])));
  for (const database of seedDatabases(seed)) {
    for (const [name, definition] of Object.entries(database.properties)) {
      if (
        definition.type === "relation" &&
        typeof definition.database === "string" &&
        !databaseKeys.has(definition.database)
      )
        r.issue(
          `${database.path}.properties.${name}.database`,
          `no database has the key "${definition.database}"`,
        );
    }
  }
  seed.integrations.forEach((integration) =>
    integration.share.forEach((key, i) => {
      if (!keys.has(key))
        r.issue(`${integration.path}.share[${i}]`, `no page or database has the key "${key}"`);
    }),
  );
  const userKeys = new Set<string>();
  for (const user of seed.users) {
    if (user.key && userKeys.has(user.key))
      r.issue(`${user.path}.key`, `"${user.key}" is already a user's key`);
    if (user.key) userKeys.add(user.key);
  }
}
