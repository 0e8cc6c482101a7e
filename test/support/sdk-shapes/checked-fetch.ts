import { Ajv } from "ajv";
import { MismatchExplainer } from "./explain-mismatch.ts";
import { type Endpoint, endpointsOf, loadResponseSchemas, type Sdk } from "./response-schemas.ts";

/**
 * A `fetch` for the SDK clients of the shared test server (issue 16): every successful answer is checked
 * against the response type the SDK declares for its endpoint, so a field going missing, a key Notion
 * doesn't send or an enum value out of range fails the test that received it. Error answers are checked
 * against Notion's error object.
 */

export class ResponseShapeError extends Error {}

const PARAM = "\u0001";

interface Route {
  endpoint: string;
  method: string;
  pattern: RegExp;
  params: number;
}

function routeOf(e: Endpoint): Route {
  const sample = e.path(Object.fromEntries(e.pathParams.map((p) => [p, PARAM])));
  const escaped = sample.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll(PARAM, "[^/]+");
  return {
    endpoint: e.name,
    method: e.method,
    pattern: new RegExp(`^/v1/${escaped}$`),
    params: e.pathParams.length,
  };
}

interface Checker {
  routes: Route[];
  explainer: MismatchExplainer;
}

const checkers = new Map<Sdk, Checker>();

function checkerFor(sdk: Sdk): Checker {
  let checker = checkers.get(sdk);
  if (checker) return checker;
  const { schema, endpoints } = loadResponseSchemas(sdk);
  const ajv = new Ajv({ strict: false });
  const schemaId = `sdk-${sdk}`;
  ajv.addSchema({ ...schema, $id: schemaId });
  const declared = new Set(endpoints);
  // Literal segments win over parameters (`users/me` before `users/{user_id}`).
  const routes = endpointsOf(sdk)
    .filter((e) => declared.has(e.name))
    .map(routeOf)
    .sort((a, b) => a.params - b.params);
  checker = { routes, explainer: new MismatchExplainer(ajv, schemaId, schema.definitions) };
  checkers.set(sdk, checker);
  return checker;
}

const ERROR_KEYS = new Set(["object", "status", "code", "message", "request_id", "additional_data"]);

function errorShapeProblems(body: unknown, status: number): string[] {
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  if (b["object"] !== "error") problems.push(`object is ${JSON.stringify(b["object"])}, not "error"`);
  if (b["status"] !== status)
    problems.push(`status ${JSON.stringify(b["status"])} is not the HTTP status ${status}`);
  for (const key of ["code", "message", "request_id"])
    if (typeof b[key] !== "string") problems.push(`${key} is not a string`);
  for (const key of Object.keys(b)) if (!ERROR_KEYS.has(key)) problems.push(`unexpected key ${key}`);
  return problems;
}

/**
 * 2026-03-11 dropped `archived` (only `in_trash` remains) while SDK 5.26's types still require it; the
 * check puts it back from `in_trash` so that version's objects are held to the rest of the type.
 */
function asTypedFor2026(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asTypedFor2026);
  if (!value || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = asTypedFor2026(v);
  if ("in_trash" in copy && !("archived" in copy)) copy["archived"] = copy["in_trash"];
  return copy;
}

/** Notion adds `request_id` to every answer, which the SDK's response types leave out. */
function withoutRequestId(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const { request_id: _requestId, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** Checks one answer; throws ResponseShapeError naming the endpoint and the first differences. */
export async function checkResponse(
  method: string,
  url: URL,
  version: string,
  response: Response,
): Promise<void> {
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return;
  const body = (await response.clone().json()) as unknown;
  const where = `${method} ${url.pathname} (Notion-Version ${version})`;
  if (!response.ok) {
    const problems = errorShapeProblems(body, response.status);
    if (problems.length) throw new ResponseShapeError(`${where}: error body differs: ${problems.join("; ")}`);
    return;
  }
  // The answer's shape follows the request's Notion-Version, whichever SDK sent it.
  const checker = checkerFor(version === "2022-06-28" ? "v4" : "v5");
  const route = checker.routes.find((r) => r.method === method && r.pattern.test(url.pathname));
  if (!route) return;
  // With `allow_async`, pages.create and the markdown update answer with a task, which SDK 5.26 types
  // only as getAsyncTask's response.
  const endpoint = (body as { object?: unknown }).object === "async_task" ? "getAsyncTask" : route.endpoint;
  const typed = version === "2026-03-11" ? asTypedFor2026(withoutRequestId(body)) : withoutRequestId(body);
  const differences = checker.explainer.explain(`#/definitions/Responses/properties/${endpoint}`, typed);
  if (differences.length)
    throw new ResponseShapeError(
      `${where} differs from the SDK's ${endpoint} response type:\n  ${differences.join("\n  ")}`,
    );
}

/** A fetch that checks every answer it returns (see checkResponse). */
export function checkedFetch(): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const version = request.headers.get("notion-version") ?? "";
    await checkResponse(request.method, new URL(request.url), version, response);
    return response;
  };
}
