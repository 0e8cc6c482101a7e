import type { FastifyInstance } from "fastify";
import { validationError } from "../errors.ts";
import type { SeedResult } from "../services/seed/apply-seed.ts";
import { seedWorkspace } from "../services/seed/seed-service.ts";
import { type Seed, SeedError, parseSeedText, readSeed } from "../services/seed/seed-format.ts";
import type { ServiceContext } from "../services/context.ts";
import type { HarnessClock } from "./clock.ts";
import type { FaultStore } from "./faults.ts";
import {
  type SnapshotInfo,
  deleteSnapshot,
  listSnapshots,
  resetState,
  restoreSnapshot,
  saveSnapshot,
} from "./state-service.ts";
import { ensureDefaultWorkspace } from "../services/identity/workspace-service.ts";

/** Seeds can be larger than an API request; they come from the developer's own machine. */
const SEED_BODY_BYTES = 20 * 1024 * 1024;

function presentSeedResult(result: SeedResult) {
  return {
    object: "seed_result",
    ids: result.ids,
    data_sources: result.dataSources,
    users: result.users,
    integrations: result.integrations,
  };
}

function presentSnapshot(info: SnapshotInfo) {
  return { object: "snapshot", name: info.name, created_time: info.createdTime, bytes: info.bytes };
}

/** A seed arrives as JSON or, with a YAML content type, as YAML text; its problems become a 400. */
function seedOf(body: unknown): Seed {
  try {
    return typeof body === "string" ? parseSeedText(body, "body") : readSeed(body);
  } catch (error) {
    if (error instanceof SeedError) throw validationError(error.message);
    throw error;
  }
}

/** Applies a seed to the server's default workspace, as its owner. */
export async function seedDefaultWorkspace(ctx: ServiceContext, seed: Seed): Promise<SeedResult> {
  const { workspace, owner } = await ensureDefaultWorkspace(ctx);
  try {
    return await seedWorkspace(ctx, { workspaceId: workspace.id, ownerId: owner.id }, seed);
  } catch (error) {
    if (error instanceof SeedError) throw validationError(error.message);
    throw error;
  }
}

/** `/__quire/reset`, `/__quire/seed` and `/__quire/snapshots` (docs/testing-your-integration.md). */
export function registerStateRoutes(
  harness: FastifyInstance,
  ctx: ServiceContext,
  clock: HarnessClock,
  faults: FaultStore,
): void {
  harness.addContentTypeParser(
    ["application/yaml", "application/x-yaml", "text/yaml"],
    { parseAs: "string", bodyLimit: SEED_BODY_BYTES },
    (_request, body, done) => done(null, body),
  );

  harness.post("/reset", { bodyLimit: SEED_BODY_BYTES }, async (request) => {
    const body = request.body as { seed?: unknown } | undefined;
    const seed = body?.seed === undefined ? undefined : seedOf(body.seed);
    await resetState(ctx);
    // A clean state per test includes time and faults: a clock frozen or a fault rule left by the
    // previous test must not leak into the next.
    clock.reset();
    faults.clear();
    if (!seed) return { object: "reset", ok: true };
    return { object: "reset", ok: true, seed: presentSeedResult(await seedDefaultWorkspace(ctx, seed)) };
  });

  harness.post("/seed", { bodyLimit: SEED_BODY_BYTES }, async (request) =>
    presentSeedResult(await seedDefaultWorkspace(ctx, seedOf(request.body ?? {}))),
  );

  harness.get("/snapshots", async () => ({
    object: "list",
    results: (await listSnapshots(ctx)).map(presentSnapshot),
  }));

  harness.post("/snapshots", async (request) => {
    const body = request.body as { name?: unknown } | undefined;
    if (typeof body?.name !== "string") {
      throw validationError("body failed validation: body.name should be a string, instead was `undefined`.");
    }
    return presentSnapshot(await saveSnapshot(ctx, body.name));
  });

  harness.post<{ Params: { name: string } }>("/snapshots/:name/restore", async (request) => {
    await restoreSnapshot(ctx, request.params.name);
    return { object: "snapshot_restored", name: request.params.name, ok: true };
  });

  harness.delete<{ Params: { name: string } }>("/snapshots/:name", async (request) => {
    await deleteSnapshot(ctx, request.params.name);
    return { object: "snapshot_deleted", name: request.params.name, ok: true };
  });
}
