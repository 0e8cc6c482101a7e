import { Agent, request } from "node:http";
import { ERROR_STATUS } from "../../src/errors.ts";
import { HTML_ROUTES, type FuzzRequest } from "./requests.ts";

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
/** Longer than any answer to bad input may take; a request still open then is a hang. */
const HANG_MS = 20_000;

export function send(baseUrl: string, req: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, ...(req.body ? { "content-length": String(req.body.length) } : {}) };
    const outgoing = request(`${baseUrl}${req.path}`, { method: req.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? ""),
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    outgoing.setTimeout(HANG_MS, () =>
      outgoing.destroy(new Error(`no answer within ${HANG_MS} ms (a hang)`)),
    );
    outgoing.on("error", reject);
    outgoing.end(req.body);
  });
}

/** What is wrong with an answer to a fuzzed request, or null: a JSON body or a Notion error, never a 5xx. */
export function problemWith(req: FuzzRequest, answer: Answer): string | null {
  if (answer.status >= 500) return `${answer.status}: ${answer.text.slice(0, 300)}`;
  if (/\n\s+at .+:\d+:\d+/.test(answer.text))
    return `a stack trace in the answer: ${answer.text.slice(0, 300)}`;
  if (HTML_ROUTES.has(req.route)) return null;
  if (!answer.contentType.startsWith("application/json")) return `content-type ${answer.contentType}`;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    return `not an object: ${answer.text.slice(0, 200)}`;
  const fields = body as Record<string, unknown>;
  // The OAuth token endpoints answer RFC 6749's error object, `{error, error_description}`.
  if (answer.status >= 400 && req.route.startsWith("POST /v1/oauth/") && typeof fields["error"] === "string")
    return null;
  // Success bodies are checked against the SDK's types by the contract tests; here, any object will do.
  if (answer.status < 400) return null;
  const code = fields["code"];
  if (fields["object"] !== "error" || typeof code !== "string" || typeof fields["message"] !== "string")
    return `not a Notion error object: ${answer.text.slice(0, 200)}`;
  const status = (ERROR_STATUS as Record<string, number>)[code];
  if (status !== answer.status) return `code ${code} travels with ${String(status)}, not ${answer.status}`;
  return null;
}

export function describeRequest(req: FuzzRequest): string {
  const body = req.body ? ` body ${JSON.stringify(req.body.toString("utf8").slice(0, 300))}` : "";
  return `${req.method} ${req.path.slice(0, 300)} ${JSON.stringify(req.headers)}${body}`;
}
