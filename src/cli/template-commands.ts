import { parseId } from "../domain/ids.ts";
import { blockPlace } from "../storage/block-lookup-repo.ts";
import type { ServiceContext } from "../services/context.ts";
import { parseNewTemplate } from "../routes/pages/schema.ts";
import {
  createTemplate,
  listTemplates,
  markAsTemplate,
  setDefaultTemplate,
} from "../services/templates/data-source-templates.ts";
import { addCustomEmoji, listWorkspaceEmojis, removeCustomEmoji } from "../services/emojis/emoji-service.ts";
import type { Viewer } from "../services/access/viewer.ts";
import { ensureDefaultWorkspace } from "../services/identity/workspace-service.ts";

/** `quire template …` and `quire emoji …`: what Notion does in its app, from the command line. */

export const TEMPLATE_USAGE = `  quire template list DATA_SOURCE_ID
  quire template create DATA_SOURCE_ID --name NAME [--default]
  quire template mark PAGE_ID [--default]      (a page of a data source becomes a template)
  quire template unmark PAGE_ID
  quire template default DATA_SOURCE_ID TEMPLATE_ID|none
  quire emoji add NAME URL
  quire emoji list
  quire emoji remove NAME|ID`;

type WithContext = <T>(run: (ctx: ServiceContext) => Promise<T>) => Promise<T>;

async function asOwner<T>(
  withContext: WithContext,
  run: (ctx: ServiceContext, viewer: Viewer) => Promise<T>,
): Promise<T> {
  return withContext(async (ctx) => {
    const { workspace, owner } = await ensureDefaultWorkspace(ctx);
    const viewer: Viewer = {
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      userId: owner.id,
      integration: null,
    };
    return run(ctx, viewer);
  });
}

function id(raw: string | undefined, what: string): string {
  const parsed = raw === undefined ? null : parseId(raw);
  if (!parsed) throw new Error(`Expected ${what}, got ${raw ?? "nothing"}.\n${TEMPLATE_USAGE}`);
  return parsed;
}

export async function runTemplateCommand(
  args: string[],
  flags: { name?: string | undefined; default?: boolean | undefined },
  withContext: WithContext,
): Promise<string[]> {
  const [action, first, second] = args;
  switch (action) {
    case "list": {
      const sourceId = id(first, "a data source id");
      return asOwner(withContext, async (ctx, viewer) => {
        const lines: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listTemplates(ctx, viewer, sourceId, { startCursor: cursor, pageSize: 100 });
          for (const t of page.templates) lines.push(`${t.id}\t${t.name}${t.isDefault ? "\t(default)" : ""}`);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return lines;
      });
    }
    case "create": {
      const sourceId = id(first, "a data source id");
      const name = flags.name;
      if (!name) throw new Error(`quire template create needs --name.\n${TEMPLATE_USAGE}`);
      const created = await asOwner(withContext, (ctx, viewer) =>
        createTemplate(
          ctx,
          viewer,
          sourceId,
          // The title property's id is always "title", whatever it is called.
          parseNewTemplate({ properties: { title: { title: [{ text: { content: name } }] } } }),
          { isDefault: flags.default ?? false },
        ),
      );
      return [created];
    }
    case "mark":
    case "unmark": {
      const pageId = id(first, "a page id");
      await asOwner(withContext, async (ctx, viewer) => {
        await markAsTemplate(ctx, viewer, pageId, action === "mark");
        if (action === "mark" && flags.default) {
          const page = await blockPlace(ctx.store.db, pageId);
          await setDefaultTemplate(ctx, viewer, page?.parentId ?? "", pageId);
        }
      });
      return [`${action === "mark" ? "Marked" : "Unmarked"} ${pageId} as a template.`];
    }
    case "default": {
      const sourceId = id(first, "a data source id");
      const templateId = second === "none" ? null : id(second, "a template id or none");
      await asOwner(withContext, (ctx, viewer) => setDefaultTemplate(ctx, viewer, sourceId, templateId));
      return [
        templateId
          ? `Default template of ${sourceId}: ${templateId}.`
          : `${sourceId} has no default template.`,
      ];
    }
    default:
      throw new Error(`Unknown template command: ${action ?? ""}\n${TEMPLATE_USAGE}`);
  }
}

export async function runEmojiCommand(args: string[], withContext: WithContext): Promise<string[]> {
  const [action, first, second] = args;
  switch (action) {
    case "add": {
      if (!first || !second) throw new Error(`Usage: quire emoji add NAME URL`);
      const emoji = await asOwner(withContext, (ctx, viewer) =>
        addCustomEmoji(ctx, viewer.workspaceId, { name: first, url: second, createdBy: viewer.userId }),
      );
      return [emoji.id];
    }
    case "list":
      return asOwner(withContext, async (ctx, viewer) => {
        const lines: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listWorkspaceEmojis(
            ctx,
            viewer.workspaceId,
            { startCursor: cursor, pageSize: 100 },
            undefined,
          );
          for (const e of page.results) lines.push(`${e.id}\t:${e.name}:\t${e.url}`);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return lines;
      });
    case "remove": {
      if (!first) throw new Error(`Usage: quire emoji remove NAME|ID`);
      const removed = await asOwner(withContext, (ctx, viewer) =>
        removeCustomEmoji(ctx, viewer.workspaceId, first),
      );
      if (!removed) throw new Error(`No custom emoji ${first}.`);
      return [`Removed ${first}.`];
    }
    default:
      throw new Error(`Unknown emoji command: ${action ?? ""}\n${TEMPLATE_USAGE}`);
  }
}
