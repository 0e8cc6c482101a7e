import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createGenerator } from "ts-json-schema-generator";

/**
 * JSON Schemas of every response type the official SDK declares, generated from its own TypeScript
 * declarations (issue 16): v5 shapes 2025-09-03 and later, v4 shapes 2022-06-28. One schema per SDK holds
 * `Responses`, an object type with one property per endpoint (`getPage: GetPageResponse`, …), so every
 * endpoint's response is `#/definitions/Responses/properties/<endpoint>`. Generated once per SDK version
 * and cached under node_modules/.cache, as generation takes seconds.
 */

export type Sdk = "v5" | "v4";

const PACKAGES: Record<Sdk, string> = { v5: "@notionhq/client", v4: "notion-client-v4" };

export interface Endpoint {
  name: string;
  method: string;
  pathParams: string[];
  path: (params: Record<string, string>) => string;
}

export interface ResponseSchemas {
  sdkVersion: string;
  /** Endpoints whose response type the SDK declares, by descriptor name. */
  endpoints: string[];
  schema: { definitions: Record<string, unknown> };
}

const require = createRequire(import.meta.url);

function packageRoot(sdk: Sdk): string {
  return dirname(require.resolve(`${PACKAGES[sdk]}/package.json`));
}

/** The SDK's endpoint descriptors (`{method, pathParams, path}`), exported from its api-endpoints module. */
export function endpointsOf(sdk: Sdk): Endpoint[] {
  const module = require(join(packageRoot(sdk), "build/src/api-endpoints.js")) as Record<string, unknown>;
  return Object.entries(module).flatMap(([name, value]) => {
    const d = value as Partial<Endpoint> | null;
    return d && typeof d === "object" && typeof d.method === "string" && typeof d.path === "function"
      ? [{ name, method: d.method.toUpperCase(), pathParams: d.pathParams ?? [], path: d.path }]
      : [];
  });
}

function declarationFiles(sdk: Sdk): string[] {
  const src = join(packageRoot(sdk), "build/src");
  const folder = join(src, "api-endpoints");
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => f.endsWith(".d.ts"))
        .map((f) => join(folder, f))
    : [join(src, "api-endpoints.d.ts")];
}

function responseTypeOf(endpoint: string): string {
  return `${endpoint[0]?.toUpperCase()}${endpoint.slice(1)}Response`;
}

export function loadResponseSchemas(sdk: Sdk): ResponseSchemas {
  const root = packageRoot(sdk);
  const sdkVersion = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string })
    .version;
  const cacheDir = join(import.meta.dirname, "../../../node_modules/.cache/quire-sdk-schemas");
  const cached = join(cacheDir, `${sdk}-${sdkVersion}-6.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as ResponseSchemas;

  const declared = declarationFiles(sdk)
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  const endpoints = endpointsOf(sdk)
    .map((e) => e.name)
    .filter((name) => new RegExp(`export (type|interface) ${responseTypeOf(name)}\\b`).test(declared));
  mkdirSync(cacheDir, { recursive: true });
  const entry = join(cacheDir, `${sdk}-responses-${process.pid}.ts`);
  const from = join(root, "build/src/api-endpoints").replaceAll("\\", "/");
  writeFileSync(
    entry,
    [
      `import type * as E from ${JSON.stringify(from)};`,
      "export interface Responses {",
      ...endpoints.map((name) => `  ${name}: E.${responseTypeOf(name)};`),
      "}",
      "",
    ].join("\n"),
  );
  const schema = createGenerator({
    path: entry,
    type: "Responses",
    skipTypeCheck: true,
    expose: "export",
    topRef: true,
    jsDoc: "none",
    // v5's object types are closed: a key outside the type is a difference too. v4's types predate
    // keys Notion has since added to every version (`in_trash`, `public_url`, block `parent`), so there
    // only missing keys and values out of range count.
    additionalProperties: sdk === "v4",
  }).createSchema("Responses") as ResponseSchemas["schema"];
  widenForKnownGaps(schema);
  const result: ResponseSchemas = { sdkVersion, endpoints, schema };
  // Test workers may generate at once; a rename makes each file appear whole.
  const partial = `${cached}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(result));
  renameSync(partial, cached);
  return result;
}

type Node = Record<string, unknown>;

function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) for (const item of value) yield* nodes(item);
  else if (value && typeof value === "object") {
    yield value as Node;
    for (const child of Object.values(value)) yield* nodes(child);
  }
}

const typeConst = (member: unknown) =>
  ((member as Node)["properties"] as Record<string, Node> | undefined)?.["type"]?.["const"];

/**
 * Where SDK 5.26's types are narrower than what Notion sends, listed in docs/compatibility.md:
 * - a page's relation value carries `has_more` (more than 25 related pages; "Page properties" in
 *   Notion's reference), which RelationArrayBasedPropertyValueResponse leaves out;
 * - a data source's schema may hold `verification`, `button` and `place` properties (the SDK has their
 *   values and filters), which DatabasePropertyConfigResponse's union leaves out;
 * - a rollup of a rollup lists `rollup` elements in its `array`, a type the element union leaves out;
 * - a view's `quick_filters` hold filter conditions, which SDK 5.26 types as empty objects;
 * - a person seen with the email capability carries `email_verified` beside `email` (recorded from
 *   api.notion.com: test/fixtures/notion-shapes/sdk-py-users-list.json), which `person` leaves out.
 */
export function widenForKnownGaps(schema: ResponseSchemas["schema"]): void {
  for (const node of nodes(schema.definitions)) {
    const properties = node["properties"] as Record<string, Node> | undefined;
    if (properties?.["quick_filters"]) properties["quick_filters"] = {};
    const person = properties?.["person"]?.["properties"] as Record<string, Node> | undefined;
    if (person?.["email"] && !person["email_verified"]) person["email_verified"] = { type: "boolean" };
    if (properties?.["type"]?.["const"] === "relation" && properties["relation"]?.["type"] === "array")
      properties["has_more"] = { type: "boolean" };
    const elements = ((properties?.["array"] as Node | undefined)?.["items"] as Node | undefined)?.["anyOf"];
    if (properties?.["type"]?.["const"] === "array" && Array.isArray(elements))
      if (!elements.some((m) => typeConst(m) === "rollup"))
        elements.push({
          type: "object",
          properties: { type: { type: "string", const: "rollup" }, rollup: { type: "object" } },
          required: ["type", "rollup"],
          additionalProperties: false,
        });
    const members = node["anyOf"] as Node[] | undefined;
    const checkbox = members?.find(
      (m) => typeConst(m) === "checkbox" && "description" in (m["properties"] as Node),
    );
    if (!members || !checkbox) continue;
    for (const type of ["verification", "button", "place"]) {
      if (members.some((m) => typeConst(m) === type)) continue;
      const { checkbox: _checkbox, ...common } = checkbox["properties"] as Record<string, unknown>;
      members.push({
        ...checkbox,
        properties: { ...common, type: { type: "string", const: type }, [type]: { type: "object" } },
        required: [...((checkbox["required"] as string[]) ?? []).filter((k) => k !== "checkbox"), type],
      });
    }
  }
}
