import { seedWorkspace } from "../services/seed/seed-service.ts";
import { loadSeed } from "../services/seed/load-seed.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  deleteSnapshot,
  listSnapshots,
  resetState,
  restoreSnapshot,
  saveSnapshot,
} from "../harness/state-service.ts";
import { ensureDefaultWorkspace } from "../services/identity/workspace-service.ts";

/** `quire seed FILE`, `quire snapshot save|restore|delete NAME`, `quire snapshot list`, `quire reset`; returns lines to print. */
export async function runStateCommand(
  ctx: ServiceContext,
  command: string,
  args: string[],
): Promise<string[]> {
  const [first, second] = args;
  if (command === "seed") {
    if (!first) throw new Error("Usage: quire seed FILE");
    const seed = await loadSeed(first);
    const { workspace, owner } = await ensureDefaultWorkspace(ctx);
    const result = await seedWorkspace(ctx, { workspaceId: workspace.id, ownerId: owner.id }, seed);
    return [
      `Seeded ${first}.`,
      ...Object.entries(result.ids).map(([key, id]) => `  ${key}: ${id}`),
      ...Object.entries(result.integrations).map(([name, token]) => `  integration "${name}": ${token}`),
    ];
  }
  if (command === "reset") {
    await resetState(ctx);
    return ["Reset the workspace."];
  }
  switch (first) {
    case "list": {
      const snapshots = await listSnapshots(ctx);
      if (snapshots.length === 0) return ["No snapshots."];
      return snapshots.map((s) => `${s.name}\t${s.createdTime}\t${s.bytes} bytes`);
    }
    case "save":
      if (!second) break;
      await saveSnapshot(ctx, second);
      return [`Saved snapshot "${second}".`];
    case "restore":
      if (!second) break;
      await restoreSnapshot(ctx, second);
      return [`Restored snapshot "${second}".`];
    case "delete":
      if (!second) break;
      await deleteSnapshot(ctx, second);
      return [`Deleted snapshot "${second}".`];
  }
  throw new Error("Usage: quire snapshot save|restore|delete NAME, or quire snapshot list");
}
