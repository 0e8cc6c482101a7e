import { missingCapability } from "../../errors.ts";

/**
 * Connection capabilities (reference/capabilities). `user_info_email` implies `user_info`.
 * Names match the CLI's `--capabilities` list.
 */
export const CAPABILITIES = [
  "read",
  "update",
  "insert",
  "read_comments",
  "insert_comments",
  "user_info",
  "user_info_email",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** What a new integration gets unless told otherwise: everything but people's email addresses. */
export const DEFAULT_CAPABILITIES: Capability[] = CAPABILITIES.filter((c) => c !== "user_info_email");

/** Who is calling: a person (personal access token) or an integration's bot. */
export interface Viewer {
  workspaceId: string;
  workspaceName: string;
  /** The person's id, or the integration's bot user id. */
  userId: string;
  integration: {
    id: string;
    name: string;
    capabilities: ReadonlySet<Capability>;
    /** `installation` for a public integration installed through OAuth; it may create workspace pages. */
    kind?: "internal" | "public" | "installation";
  } | null;
  /** A guest of the workspace (signed in to the web UI): sees only the pages shared with them. */
  guest?: boolean;
}

export function can(viewer: Viewer, capability: Capability): boolean {
  if (!viewer.integration) return true;
  const caps = viewer.integration.capabilities;
  return caps.has(capability) || (capability === "user_info" && caps.has("user_info_email"));
}

export function requireCapability(viewer: Viewer, capability: Capability): void {
  if (!can(viewer, capability)) throw missingCapability();
}
