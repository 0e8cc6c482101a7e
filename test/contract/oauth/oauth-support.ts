import { createHash, randomBytes } from "node:crypto";
import { Client, LogLevel } from "@notionhq/client";
import { approve, checkAuthorizeRequest } from "../../../src/services/oauth/authorize-service.ts";
import { createPublicIntegration } from "../../../src/services/identity/integration-service.ts";
import type { Capability } from "../../../src/services/access/viewer.ts";
import type { TestServer, TestWorkspace } from "../../support/quire.ts";

export const REDIRECT = "https://client.example/callback";

export interface PublicApp {
  clientId: string;
  clientSecret: string;
  /** Runs authorize + Allow as the workspace owner and returns the code. */
  code(
    target: TestWorkspace,
    options?: { pageIds?: string[]; redirectUri?: string | null; challenge?: string },
  ): Promise<string>;
  sdk(): Client;
  /** Raw POST to an OAuth endpoint with Basic credentials (or the given Authorization). */
  post(path: string, body: Record<string, unknown>, authorization?: string | null): Promise<Response>;
}

export async function publicApp(
  server: TestServer,
  developer: TestWorkspace,
  options: { redirectUris?: string[]; capabilities?: Capability[]; name?: string } = {},
): Promise<PublicApp> {
  const created = await createPublicIntegration(server.ctx, developer.id, {
    name: options.name ?? "Public App",
    capabilities: options.capabilities ?? ["read", "update", "insert", "user_info_email"],
    ownerUserId: developer.ownerId,
    redirectUris: options.redirectUris ?? [REDIRECT],
  });
  const { clientId, clientSecret } = created;
  const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
  return {
    clientId,
    clientSecret,
    async code(target, opts = {}) {
      const query: Record<string, string> = {
        client_id: clientId,
        response_type: "code",
        owner: "user",
        state: "st",
      };
      const redirect =
        opts.redirectUri === undefined ? (options.redirectUris?.[0] ?? REDIRECT) : opts.redirectUri;
      if (redirect !== null) query["redirect_uri"] = redirect;
      if (opts.challenge) {
        query["code_challenge"] = opts.challenge;
        query["code_challenge_method"] = "S256";
      }
      const request = await checkAuthorizeRequest(server.ctx, query);
      return approve(server.ctx, request, {
        workspaceId: target.id,
        userId: target.ownerId,
        role: "owner",
        pageIds: opts.pageIds ?? [],
        useTemplate: false,
      });
    },
    sdk: () => new Client({ baseUrl: server.url, retry: false, logLevel: LogLevel.ERROR }),
    post: (path, body, authorization = basic) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(authorization === null ? {} : { authorization }),
        },
        body: JSON.stringify(body),
      }),
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}
