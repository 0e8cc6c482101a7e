import type { ServiceContext } from "../services/context.ts";
import { workspacePages } from "../services/browse/browse-service.ts";
import { CAPABILITIES, type Capability } from "../services/access/viewer.ts";
import { field, fields } from "./forms.ts";
import { type Html, html } from "./html.ts";

/** Form pieces shared by the new-integration and settings forms. */
export const CAPABILITY_LABELS: Record<Capability, string> = {
  read: "Read content",
  update: "Update content",
  insert: "Insert content",
  read_comments: "Read comments",
  insert_comments: "Insert comments",
  user_info: "Read user information without email addresses",
  user_info_email: "Read user information including email addresses",
};

export function capabilitiesFrom(body: unknown): Capability[] {
  const chosen = fields(body, "capability").filter((c): c is Capability =>
    (CAPABILITIES as readonly string[]).includes(c),
  );
  const info = field(body, "user_info");
  const content = chosen.filter((c) => c !== "user_info" && c !== "user_info_email");
  return info === "email"
    ? [...content, "user_info_email"]
    : info === "names"
      ? [...content, "user_info"]
      : content;
}

export function capabilityFields(selected: string[]): Html {
  const has = (c: string) => selected.includes(c);
  const box = (c: Capability) =>
    html`<label class="check"
      ><input type="checkbox" name="capability" value="${c}" ${has(c) ? html`checked` : ""} />
      ${CAPABILITY_LABELS[c]}</label
    >`;
  const info = has("user_info_email") ? "email" : has("user_info") ? "names" : "none";
  const radio = (value: string, label: string) =>
    html`<label class="check"
      ><input type="radio" name="user_info" value="${value}" ${info === value ? html`checked` : ""} />
      ${label}</label
    >`;
  return html`<fieldset class="card">
      <legend>Content capabilities</legend>
      ${box("read")}${box("update")}${box("insert")}
    </fieldset>
    <fieldset class="card">
      <legend>Comment capabilities</legend>
      ${box("read_comments")}${box("insert_comments")}
    </fieldset>
    <fieldset class="card">
      <legend>User capabilities</legend>
      ${radio("none", "No user information")}${radio("names", CAPABILITY_LABELS.user_info)}${radio("email", CAPABILITY_LABELS.user_info_email)}
    </fieldset>`;
}

export async function templateSelect(
  ctx: ServiceContext,
  workspaceId: string,
  selected: string | null,
): Promise<Html> {
  const pages = (await workspacePages(ctx, workspaceId)).filter((p) => p.type === "child_page");
  return html`<label for="template_page_id">Template page (optional)</label>
    <select id="template_page_id" name="template_page_id">
      <option value="">No template</option>
      ${pages.map((p) => html`<option value="${p.id}" ${p.id === selected ? html`selected` : ""}>${p.title || "Untitled"}</option>`)}
    </select>`;
}

export function lines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
