import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { serve } from "../server.ts";
import type { ServiceContext } from "../services/context.ts";
import { CAPABILITIES, type Capability, DEFAULT_CAPABILITIES } from "../services/access/viewer.ts";
import {
  createIntegration,
  createPersonalToken,
  ensureDefaultWorkspace,
  shareWithIntegration,
} from "../services/identity/workspace-service.ts";
import { migrate, openStore } from "../storage/store.ts";
import { IO_USAGE, runIoCommand } from "./io-commands.ts";
import { TEMPLATE_USAGE, runEmojiCommand, runTemplateCommand } from "./template-commands.ts";
import { addPerson } from "../services/identity/account-service.ts";
import { createPublicIntegration } from "../services/identity/integration-service.ts";

import { runStateCommand } from "./state-commands.ts";
import { BACKUP_USAGE, runBackupCommand } from "./backup-commands.ts";
import { WEBHOOK_USAGE, runWebhookCommand } from "./webhook-commands.ts";

const USAGE = `Usage:
  quire serve [--port N] [--host H] [--data DIR] [--database-url postgres://…] [--rate-limit notion|average|N] [--plan free|plus|business|enterprise] [--block-limit] [--processes N] [--harness] [--no-demo] [--allow-shared-data] [--allow-private-network]
              [--allow-network CIDR,…] [--blob-dir DIR] [--webhook-window-ms N] [--webhook-retry-schedule-ms 200,400,…]
  quire token [--data DIR | --database-url …]
  quire integration create --name NAME [--capabilities read,update,insert,read_comments,insert_comments,user_info,user_info_email]
  quire integration create --name NAME --public --redirect-uri URI [--redirect-uri URI2] [--capabilities …]
  quire user create --email EMAIL --password-stdin [--name NAME] [--role member|guest|owner]
  quire share INTEGRATION_NAME PAGE_ID
  quire seed FILE                      apply a seed file (YAML or JSON) to the workspace
  quire snapshot save|restore|delete NAME, quire snapshot list
  quire reset                          back to the harness baseline (or an empty workspace)
${BACKUP_USAGE}
${WEBHOOK_USAGE}
${TEMPLATE_USAGE}
${IO_USAGE}`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  data: { type: "string" },
  "database-url": { type: "string" },
  "rate-limit": { type: "string" },
  plan: { type: "string" },
  processes: { type: "string" },
  "webhook-window-ms": { type: "string" },
  "webhook-retry-schedule-ms": { type: "string" },
  integration: { type: "string" },
  url: { type: "string" },
  event: { type: "string", multiple: true },
  "api-version": { type: "string" },
  name: { type: "string" },
  capabilities: { type: "string" },
  default: { type: "boolean" },
  public: { type: "boolean" },
  "redirect-uri": { type: "string", multiple: true },
  email: { type: "string" },
  "password-stdin": { type: "boolean" },
  role: { type: "string" },
  parent: { type: "string" },
  harness: { type: "boolean" },
  "no-demo": { type: "boolean" },
  "allow-shared-data": { type: "boolean" },
  "allow-private-network": { type: "boolean" },
  out: { type: "string" },
  force: { type: "boolean" },
  "allow-network": { type: "string" },
  "block-limit": { type: "boolean" },
  "blob-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Opens the configured database for a one-shot command, runs it, and closes it. */
async function withContext<T>(
  flags: Parameters<typeof loadConfig>[0],
  run: (ctx: ServiceContext) => Promise<T>,
) {
  const config = loadConfig(flags);
  const store = openStore({
    dataDir: config.dataDir,
    blobDir: config.blobDir,
    url: config.databaseUrl,
    sqliteSync: config.sqliteSync,
    // A server may be running on the same file: a long seed or import leaves it turns to write.
    takeTurns: true,
  });
  try {
    await migrate(store);
    return await run({ store, clock: () => new Date(), publicUrl: config.publicUrl ?? "" });
  } finally {
    await store.close();
  }
}

function parseCapabilities(text: string | undefined): Capability[] {
  if (text === undefined) return DEFAULT_CAPABILITIES;
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(CAPABILITIES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`Unknown capabilities: ${unknown.join(", ")}. Known: ${CAPABILITIES.join(", ")}`);
  return names as Capability[];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case "serve":
      return serve(loadConfig(values), {
        harness: values.harness,
        noDemo: values["no-demo"],
        allowSharedData: values["allow-shared-data"],
      });
    case "token": {
      const token = await withContext(values, async (ctx) => {
        const { workspace, owner } = await ensureDefaultWorkspace(ctx);
        return createPersonalToken(ctx, workspace.id, owner.id);
      });
      console.log(token);
      return;
    }
    case "integration": {
      if (rest[0] !== "create" || !values.name)
        throw new Error("Usage: quire integration create --name NAME [--capabilities …]");
      const name = values.name;
      const capabilities = parseCapabilities(values.capabilities);
      if (values.public) {
        const redirectUris = values["redirect-uri"] ?? [];
        const created = await withContext(values, async (ctx) => {
          const { workspace, owner } = await ensureDefaultWorkspace(ctx);
          return createPublicIntegration(ctx, workspace.id, {
            name,
            capabilities,
            ownerUserId: owner.id,
            redirectUris,
          });
        });
        // The last line is machine-readable (scripts and tests outside the repository parse it).
        console.log(JSON.stringify({ client_id: created.clientId, client_secret: created.clientSecret }));
        return;
      }
      const token = await withContext(values, async (ctx) => {
        const { workspace, owner } = await ensureDefaultWorkspace(ctx);
        return (await createIntegration(ctx, workspace.id, { name, capabilities, ownerUserId: owner.id }))
          .token;
      });
      console.log(token);
      return;
    }
    case "user": {
      if (rest[0] !== "create" || !values.email || !values["password-stdin"])
        throw new Error(
          "Usage: quire user create --email EMAIL --password-stdin [--name NAME] [--role member|guest|owner]",
        );
      const role = values.role ?? "member";
      if (role !== "member" && role !== "guest" && role !== "owner")
        throw new Error(`Unknown role "${role}": use member, guest or owner.`);
      const password = (await readStdin()).replace(/\r?\n$/, "");
      const email = values.email;
      const name = values.name;
      const added = await withContext(values, async (ctx) => {
        const { workspace } = await ensureDefaultWorkspace(ctx);
        return addPerson(ctx, {
          email,
          password,
          workspaceId: workspace.id,
          role,
          ...(name ? { name } : {}),
        });
      });
      console.log(JSON.stringify({ user_id: added.user.id, email: added.account.email, role }));
      return;
    }
    case "share": {
      const [integrationName, pageId] = rest;
      if (!integrationName || !pageId) throw new Error("Usage: quire share INTEGRATION_NAME PAGE_ID");
      await withContext(values, async (ctx) => {
        const { workspace } = await ensureDefaultWorkspace(ctx);
        await shareWithIntegration(ctx, workspace.id, integrationName, pageId);
      });
      console.log(`Shared ${pageId} with "${integrationName}".`);
      return;
    }
    case "template":
    case "emoji": {
      const bound = <T>(run: (ctx: ServiceContext) => Promise<T>) => withContext(values, run);
      const lines =
        command === "template"
          ? await runTemplateCommand(rest, values, bound)
          : await runEmojiCommand(rest, bound);
      for (const line of lines) console.log(line);
      return;
    }
    case "export":
    case "import": {
      const bound = <T>(run: (ctx: ServiceContext) => Promise<T>) => withContext(values, run);
      for (const line of await runIoCommand(command, rest, values, bound)) console.log(line);
      return;
    }
    case "webhook": {
      const bound = <T>(run: (ctx: ServiceContext) => Promise<T>) => withContext(values, run);
      for (const line of await runWebhookCommand(rest, values, bound)) console.log(line);
      return;
    }
    case "backup":
    case "restore":
      for (const line of await runBackupCommand(command, rest, values, loadConfig(values))) console.log(line);
      return;
    case "seed":
    case "snapshot":
    case "reset":
      for (const line of await withContext(values, (ctx) => runStateCommand(ctx, command, rest)))
        console.log(line);
      return;
    default:
      throw new Error(`Unknown command: ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
