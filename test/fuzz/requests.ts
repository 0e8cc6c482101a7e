import fc from "fast-check";
import type { FuzzFixture } from "./fixture.ts";

/** One request as sent: raw bytes and headers, so that malformed input reaches the server as is. */
export interface FuzzRequest {
  /** `METHOD /path/{param}` of the endpoint table. */
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/** Web pages (the OAuth consent form) answer HTML by design; only their status is checked. */
export const HTML_ROUTES = new Set(["GET /v1/oauth/authorize", "POST /v1/oauth/authorize"]);

const VERSIONS = ["2022-06-28", "2025-09-03", "2026-03-11"];

const version = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...VERSIONS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("2021-05-13", "2099-01-01", "", "latest", "2025-09-03, 2022-06-28"),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const authorization = (token: string) =>
  fc.oneof(
    { weight: 14, arbitrary: fc.constant(`Bearer ${token}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        "Bearer ",
        "Bearer ntn_000000000000000000000000000000000000000000000",
        `Basic ${Buffer.from("a:b").toString("base64")}`,
        `bearer ${token}`,
        `Bearer ${token} extra`,
      ),
    },
  );

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant("application/json") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      "text/plain",
      "multipart/form-data",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
      "application/json; charset=latin1",
      "application/json; charset=utf-8",
    ),
  },
);

const LONG = "x".repeat(200_001);
const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** Values that break assumptions: wrong types, edges of numbers, odd strings, deep and big structures. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, "", " ", [], {}, [[]], {
    "": null,
  }),
  fc.constantFrom(
    "\ud800",
    "a\udfffb",
    "\u0000",
    "💥".repeat(3000),
    LONG,
    "2025-13-45T99:99:99Z",
    "not-a-uuid",
  ),
  fc.constantFrom("00000000-0000-0000-0000-000000000000", "ffffffffffffffffffffffffffffffff"),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

type Key = string | number;

/** Every path into a JSON value's arrays and objects, each a place a mutation can aim at. */
function pathsOf(value: unknown, prefix: Key[] = [], into: Key[][] = []): Key[][] {
  const entries: [Key, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : value && typeof value === "object"
      ? Object.entries(value)
      : [];
  for (const [key, item] of entries) {
    into.push([...prefix, key]);
    pathsOf(item, [...prefix, key], into);
  }
  return into;
}

type Mutation =
  { op: "replace"; value: unknown } | { op: "delete" } | { op: "add"; key: string; value: unknown };

function mutate(body: unknown, path: Key[], mutation: Mutation): unknown {
  const copy = structuredClone(body) as Record<Key, unknown>;
  let parent: Record<Key, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<Key, unknown>;
  const last = path.at(-1) as Key;
  if (mutation.op === "replace") parent[last] = mutation.value;
  else if (mutation.op === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target && typeof target === "object" && !Array.isArray(target))
      (target as Record<string, unknown>)[mutation.key] = mutation.value;
    else parent[last] = { [mutation.key]: mutation.value };
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("replace" as const), value: oddValue }),
  fc.constant({ op: "delete" as const }),
  fc.record({
    op: fc.constant("add" as const),
    key: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("type", "archived", "in_trash", "object", "__proto__"),
    ),
    value: oddValue,
  }),
);

/** A valid body, a mutation of it, any JSON, or bytes no JSON parser should accept. */
function bodyFor(valid: unknown): fc.Arbitrary<Buffer | undefined> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? "null");
  const paths = pathsOf(valid);
  const mutated =
    paths.length === 0
      ? fc.constant(json(valid))
      : fc
          .tuple(fc.nat({ max: paths.length - 1 }), mutation)
          .map(([i, m]) => json(mutate(valid, paths[i] as Key[], m)));
  const text = JSON.stringify(valid ?? {});
  const raw = fc.oneof(
    fc.nat({ max: Math.max(text.length - 1, 0) }).map((cut) => Buffer.from(text.slice(0, cut))),
    fc.constantFrom(
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), // {"<invalid UTF-8>":1}
      Buffer.from('{"a":"\\ud800"}'),
      Buffer.from(deep(5000)),
      Buffer.from(`{"x":${deep(200)}}`),
      Buffer.from('{"parent":1,"parent":{"workspace":true}}'),
      Buffer.from(""),
      Buffer.from("null"),
      Buffer.from("[]"),
      Buffer.from('"string"'),
      Buffer.from('{"page_size":1e400}'),
      Buffer.from("\ufeff{}"),
      Buffer.from('{"a":1}garbage'),
    ),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(json(valid)) },
    { weight: 8, arbitrary: mutated },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A path segment: mostly the real id, sometimes a variant of it or something that is no id at all. */
function idFor(real: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant(real) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(real.replace(/-/g, ""), real.toUpperCase(), `${real}x`, real.slice(0, 20)),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom(
          "%zz",
          "%00",
          "..",
          "%2F",
          "null",
          "undefined",
          "0",
          "-1",
          "a".repeat(1200),
          "%E2%82",
        ),
        fc.uuid().map((u) => u),
        fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
      ),
    },
  );
}

const QUERY_VALUES = ["-1", "0", "101", "1e9", "abc", "", "true", "%zz", "a".repeat(3000)];

function queryFor(valid: Record<string, string>): fc.Arbitrary<string> {
  const keys = [
    ...new Set([...Object.keys(valid), "page_size", "start_cursor", "filter_properties", "archived"]),
  ];
  const mutated = fc
    .tuple(fc.constantFrom(...keys), fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 20 })))
    .map(([key, value]) => ({ ...valid, [key]: value }));
  const encode = (entries: Record<string, string>) =>
    Object.entries(entries)
      .map(([k, v]) => (v.includes("%") ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
      .join("&");
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(encode(valid)) },
    { weight: 3, arbitrary: mutated.map(encode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "page_size=1&page_size=2",
        "filter_properties[]=x",
        "&&&",
        "=x",
        "a[b][c]=1",
      ),
    },
  );
}

/** Requests for every route of `routes` (skipping those whose path names something the fixture lacks). */
export function fuzzRequests(
  routes: string[],
  fixture: FuzzFixture,
  token: string,
): fc.Arbitrary<FuzzRequest> {
  const perRoute = routes.map((route) => {
    const [method = "GET", template = "/"] = route.split(" ");
    const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const segments = params.map((name) => idFor(fixture.ids[name] ?? "00000000-0000-4000-8000-000000000000"));
    const takesBody = method === "POST" || method === "PATCH";
    return fc
      .record({
        ids: fc.tuple(...segments),
        query: queryFor(fixture.queries[route] ?? {}),
        body: takesBody ? bodyFor(fixture.bodies[route] ?? {}) : fc.constant(undefined),
        version,
        authorization: authorization(token),
        contentType: takesBody ? contentType : fc.constant(undefined),
      })
      .map(({ ids, query, body, ...h }): FuzzRequest => {
        let path = template;
        params.forEach((name, i) => (path = path.replace(`{${name}}`, ids[i] as string)));
        const headers: Record<string, string> = {};
        if (h.version !== undefined) headers["notion-version"] = h.version;
        if (h.authorization !== undefined) headers["authorization"] = h.authorization;
        if (h.contentType !== undefined) headers["content-type"] = h.contentType;
        return { route, method, path: query ? `${path}?${query}` : path, headers, body };
      });
  });
  return fc.oneof(...perRoute);
}
