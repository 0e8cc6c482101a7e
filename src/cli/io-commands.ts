import { exportWorkspace } from "../services/io/export-service.ts";
import { importExport } from "../services/io/import-service.ts";
import type { ServiceContext } from "../services/context.ts";
import type { Viewer } from "../services/access/viewer.ts";
import { ensureDefaultWorkspace } from "../services/identity/workspace-service.ts";

/** `quire export DIR` and `quire import DIR|FILE.zip`: the workspace as Notion's "Markdown & CSV". */

export const IO_USAGE = `  quire export DIR [--data DIR | --database-url …]
  quire import DIR|FILE.zip [--parent PAGE_ID]   (a Quire export, or Notion's "Markdown & CSV" export)`;

type WithContext = <T>(run: (ctx: ServiceContext) => Promise<T>) => Promise<T>;

/** A `done/total` bar on stderr, redrawn in place; nothing when stderr is not a terminal. */
function progressBar(label: string): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY;
  let drawn = false;
  let last = 0;
  return {
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (done < total && now - last < 50) return;
      last = now;
      const width = 30;
      const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : width;
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} pages`,
      );
      drawn = true;
    },
    end() {
      if (drawn) process.stderr.write("\n");
    },
  };
}

async function asOwner<T>(
  withContext: WithContext,
  run: (ctx: ServiceContext, viewer: Viewer) => Promise<T>,
) {
  return withContext(async (ctx) => {
    const { workspace, owner } = await ensureDefaultWorkspace(ctx);
    return run(ctx, {
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      userId: owner.id,
      integration: null,
    });
  });
}

export async function runIoCommand(
  command: "export" | "import",
  args: string[],
  flags: { parent?: string | undefined },
  withContext: WithContext,
): Promise<string[]> {
  const [target] = args;
  if (!target) throw new Error(`quire ${command} needs a path.\n${IO_USAGE}`);
  const bar = progressBar(command === "export" ? "Exporting" : "Importing");
  const started = Date.now();
  try {
    if (command === "export") {
      const summary = await asOwner(withContext, (ctx, viewer) =>
        exportWorkspace(ctx, viewer, target, (done, total) => bar.update(done, total)),
      );
      bar.end();
      const seconds = (Date.now() - started) / 1000;
      return [
        `Exported ${summary.pages} pages and ${summary.databases} databases to ${target} (${summary.files} files, ${seconds.toFixed(1)} s).`,
      ];
    }
    const report = await asOwner(withContext, (ctx, viewer) =>
      importExport(ctx, viewer, target, { parentId: flags.parent, progress: (d, t) => bar.update(d, t) }),
    );
    bar.end();
    const lines = report.failed.map((f) => `Failed: ${f.file}: ${f.error}`);
    if (report.skipped.length > 0)
      lines.push(`Skipped ${report.skipped.length} files that are not pages or tables.`);
    lines.push(
      `Imported ${report.pages} pages, ${report.databases} databases and ${report.rows} rows from ${target}` +
        (report.failed.length > 0 ? `; ${report.failed.length} failed.` : "."),
    );
    if (report.failed.length > 0) process.exitCode = 2;
    return lines;
  } finally {
    bar.end();
  }
}
