import { readFileSync } from "node:fs";
import { join } from "node:path";
import { APIErrorCode } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../src/errors.ts";
import { AUTHORIZE_REDIRECT_ERRORS } from "../../src/services/oauth/oauth-errors.ts";

/**
 * Every error code Quire can send is one a client can act on: a code the official SDK knows, or one of
 * the few Notion documents beyond the SDK's list and RFC 6749's OAuth codes; and each is in
 * docs/errors.md with the status it travels with.
 */

const root = join(import.meta.dirname, "..", "..");
const doc = readFileSync(join(root, "docs", "errors.md"), "utf8");

/** Notion's own codes that the SDK's `APIErrorCode` lacks (reference/status-codes). */
const NOTION_BEYOND_SDK = ["missing_version", "invalid_grant", "bad_gateway"];
/** RFC 6749 §5.2 token endpoint errors, served on /v1/oauth/* only. */
const OAUTH_TOKEN_ERRORS = ["unsupported_grant_type", "invalid_client"];

function tableOf(section: string): string[][] {
  const body = doc.split(`\n## ${section}\n`)[1]?.split("\n## ")[0] ?? "";
  return [...body.matchAll(/^\| `([a-z_]+)` +\|(.*)$/gm)].map(([, code, rest]) => [
    code ?? "",
    ...(rest ?? "").split("|").map((cell) => cell.trim()),
  ]);
}

describe("error codes", () => {
  const codes = Object.keys(ERROR_STATUS);

  it("are all known to the SDK, documented by Notion, or OAuth's", () => {
    const sdk = new Set<string>(Object.values(APIErrorCode));
    const unknown = codes.filter(
      (code) => !sdk.has(code) && !NOTION_BEYOND_SDK.includes(code) && !OAUTH_TOKEN_ERRORS.includes(code),
    );
    expect(unknown).toEqual([]);
  });

  it("appear in docs/errors.md with their status and whether the SDK knows them", () => {
    const sdk = new Set<string>(Object.values(APIErrorCode));
    const rows = tableOf("Codes Quire sends");
    expect(rows.map(([code]) => code).sort()).toEqual([...codes].sort());
    for (const [code = "", status, , known] of rows) {
      expect(Number(status), code).toBe(ERROR_STATUS[code as keyof typeof ERROR_STATUS]);
      expect(known?.startsWith("known"), code).toBe(sdk.has(code));
    }
  });

  it("of authorize redirects are RFC 6749's and documented", () => {
    const documented = tableOf("OAuth authorize redirects").map(([code]) => code);
    expect(documented.sort()).toEqual([...AUTHORIZE_REDIRECT_ERRORS].sort());
  });
});
