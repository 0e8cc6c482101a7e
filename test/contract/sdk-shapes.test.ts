import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkResponse, ResponseShapeError } from "../support/sdk-shapes/checked-fetch.ts";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { workspacePage } from "./helpers.ts";

/**
 * The shared test client checks every answer against the SDK's declared response type (issue 16). These
 * cases show the check refusing what it must: a field gone, a key Notion doesn't send, a value out of range.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function pageAnswer(version: string) {
  const ws = await server.workspace();
  const page = await workspacePage(ws.client(), "Shape probe");
  const response = await ws.fetch(`/v1/pages/${page.id}`, { version });
  expect(response.status).toBe(200);
  return { url: new URL(response.url), body: (await response.json()) as Record<string, unknown> };
}

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("the SDK shape check", () => {
  it.each(["2022-06-28", "2025-09-03", "2026-03-11"])(
    "accepts a page as Quire serves it in %s",
    async (version) => {
      const { url, body } = await pageAnswer(version);
      await expect(checkResponse("GET", url, version, answer(body))).resolves.toBeUndefined();
    },
  );

  it("refuses a page that lost a field", async () => {
    const { url, body } = await pageAnswer("2025-09-03");
    const { url: _url, ...withoutUrl } = body;
    await expect(checkResponse("GET", url, "2025-09-03", answer(withoutUrl))).rejects.toThrow(
      new ResponseShapeError(
        `GET ${url.pathname} (Notion-Version 2025-09-03) differs from the SDK's getPage response type:\n  the answer has no "url", which the type requires`,
      ),
    );
  });

  it("refuses a key the type doesn't have, and a value out of range", async () => {
    const { url, body } = await pageAnswer("2025-09-03");
    await expect(checkResponse("GET", url, "2025-09-03", answer({ ...body, colour: "red" }))).rejects.toThrow(
      /the answer has "colour", which the type doesn't have/,
    );
    const parent = { type: "galaxy", galaxy: true };
    await expect(checkResponse("GET", url, "2025-09-03", answer({ ...body, parent }))).rejects.toThrow(
      /\/parent/,
    );
  });

  it("holds error answers to Notion's error object", async () => {
    const { url } = await pageAnswer("2025-09-03");
    const error = {
      object: "error",
      status: 404,
      code: "object_not_found",
      message: "gone",
      request_id: "r",
    };
    await expect(checkResponse("GET", url, "2025-09-03", answer(error, 404))).resolves.toBeUndefined();
    await expect(
      checkResponse("GET", url, "2025-09-03", answer({ ...error, status: 400 }, 404)),
    ).rejects.toThrow(/status 400 is not the HTTP status 404/);
  });
});
