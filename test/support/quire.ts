import type { AddressInfo } from "node:net";
import { Client, LogLevel } from "@notionhq/client";
import { Client as ClientV4, LogLevel as LogLevelV4 } from "notion-client-v4";
import { type AppOptions, createApp } from "../../src/app.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { type Capability, DEFAULT_CAPABILITIES } from "../../src/services/access/viewer.ts";
import {
  createIntegration,
  createPersonalToken,
  createWorkspace,
  shareWithIntegration,
} from "../../src/services/identity/workspace-service.ts";
import { checkedFetch } from "./sdk-shapes/checked-fetch.ts";
import { type Store, migrate, openStore } from "../../src/storage/store.ts";
import { testDatabaseOptions } from "./test-database.ts";

export interface TestWorkspace {
  id: string;
  ownerId: string;
  /** A personal access token of the owner. */
  token: string;
  /** SDK v5 client (default version 2025-09-03) for the owner or another token. */
  client(token?: string, notionVersion?: string): Client;
  /** SDK v4 client (2022-06-28). */
  clientV4(token?: string): ClientV4;
  /** An internal integration of this workspace; returns its token. */
  integration(name: string, capabilities?: Capability[]): Promise<string>;
  share(integrationName: string, pageId: string): Promise<void>;
  /** Raw HTTP for what the SDK never sends. */
  fetch(
    path: string,
    init?: RequestInit & { version?: string | null; token?: string | null },
  ): Promise<Response>;
}

export interface TestServer {
  url: string;
  ctx: ServiceContext;
  store: Store;
  workspace(): Promise<TestWorkspace>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  clock?: () => Date;
  /** App options (harness, rate limiter) built once the context exists. */
  app?: (ctx: ServiceContext) => AppOptions;
  /** A database to serve instead of a new one; the server closes it. */
  store?: Store;
}

/** A real listening Quire on an ephemeral database; each test makes its own workspace in it. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const store = options.store ?? openStore(testDatabaseOptions());
  await migrate(store);
  const ctx: ServiceContext = { store, clock: options.clock ?? (() => new Date()), publicUrl: "" };
  const app = createApp(ctx, options.app?.(ctx));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  ctx.publicUrl = url;

  async function workspace(): Promise<TestWorkspace> {
    const { workspace: ws, owner } = await createWorkspace(ctx, {
      name: "Test Workspace",
      ownerName: "Test Owner",
      ownerEmail: "owner@example.com",
    });
    const token = await createPersonalToken(ctx, ws.id, owner.id);
    return {
      id: ws.id,
      ownerId: owner.id,
      token,
      client: (t = token, notionVersion) =>
        new Client({
          auth: t,
          baseUrl: url,
          retry: false,
          // Expected API errors would otherwise print a warning each.
          logLevel: LogLevel.ERROR,
          fetch: checkedFetch(),
          ...(notionVersion ? { notionVersion } : {}),
        }),
      clientV4: (t = token) =>
        new ClientV4({ auth: t, baseUrl: url, logLevel: LogLevelV4.ERROR, fetch: checkedFetch() }),
      integration: async (name, capabilities) =>
        (
          await createIntegration(ctx, ws.id, {
            name,
            capabilities: capabilities ?? DEFAULT_CAPABILITIES,
            ownerUserId: owner.id,
          })
        ).token,
      share: (integrationName, pageId) => shareWithIntegration(ctx, ws.id, integrationName, pageId),
      fetch: (path, init = {}) => {
        const headers = new Headers(init.headers);
        const version = init.version === undefined ? "2025-09-03" : init.version;
        if (version !== null) headers.set("Notion-Version", version);
        const auth = init.token === undefined ? token : init.token;
        if (auth !== null) headers.set("Authorization", `Bearer ${auth}`);
        return fetch(`${url}${path}`, { ...init, headers });
      },
    };
  }

  return {
    url,
    ctx,
    store,
    workspace,
    close: async () => {
      const closing = app.close();
      // Teardown must not wait on a connection a test left open (a raw request cut off on purpose),
      // which app.close() alone would. (Refused upload sends used to leave one busy: http/streamed-body.ts.)
      app.server.closeAllConnections();
      await closing;
      await store.close();
    },
  };
}
