import type { UserRecord } from "../storage/identity-repo.ts";
import { can, type Viewer } from "../services/access/viewer.ts";
import { workspaceFileMaxBytes } from "../services/files/limits.ts";

/**
 * A person or bot as the viewer may see it: email only with the email capability (reference/capabilities).
 * A bot carries its owner and workspace as on Notion, whether it is listed, retrieved or `users.me`: the
 * person who installed it through OAuth (`owners`), or the workspace.
 */
export function presentUser(user: UserRecord, viewer: Viewer, owners: Map<string, UserRecord> = new Map()) {
  if (user.type === "person") return presentPerson(user, viewer);
  const owner = owners.get(user.id);
  return {
    ...userBase(user),
    type: "bot",
    bot: {
      owner: owner
        ? { type: "user", user: presentPerson(owner, viewer) }
        : { type: "workspace", workspace: true },
      workspace_name: viewer.workspaceName,
      workspace_id: viewer.workspaceId,
      workspace_limits: { max_file_upload_size_in_bytes: workspaceFileMaxBytes() },
    },
  };
}

function userBase(user: UserRecord) {
  return { object: "user", id: user.id, name: user.name, avatar_url: user.avatarUrl };
}

/**
 * With the email capability Notion sends `email` and `email_verified` (as recorded from api.notion.com,
 * test/fixtures/notion-shapes/sdk-py-users-list.json); without it, `person: {}`. Quire sends no mail, so
 * it has verified no address: `email_verified` is always false.
 */
function presentPerson(user: UserRecord, viewer: Viewer) {
  const person =
    can(viewer, "user_info_email") && user.email ? { email: user.email, email_verified: false } : {};
  return { ...userBase(user), type: "person", person };
}
