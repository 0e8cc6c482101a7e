import type { UserRecord } from "../storage/identity-repo.ts";
import { can, type Viewer } from "../services/access/viewer.ts";
import { workspaceFileMaxBytes } from "../services/files/limits.ts";

/** A person or bot as the viewer may see it: email only with the email capability (reference/capabilities). */
export function presentUser(user: UserRecord, viewer: Viewer) {
  const base = { object: "user", id: user.id, name: user.name, avatar_url: user.avatarUrl };
  if (user.type === "person") {
    const person = can(viewer, "user_info_email") && user.email ? { email: user.email } : {};
    return { ...base, type: "person", person };
  }
  return { ...base, type: "bot", bot: {} };
}

/** `GET /v1/users/me` for an integration: its bot with owner and workspace details. */
export function presentBotSelf(user: UserRecord, viewer: Viewer, owner?: UserRecord) {
  return {
    object: "user",
    id: user.id,
    name: user.name,
    avatar_url: user.avatarUrl,
    type: "bot",
    bot: {
      owner: owner
        ? { type: "user", user: presentUser(owner, viewer) }
        : { type: "workspace", workspace: true },
      workspace_name: viewer.workspaceName,
      workspace_id: viewer.workspaceId,
      workspace_limits: { max_file_upload_size_in_bytes: workspaceFileMaxBytes() },
    },
  };
}
