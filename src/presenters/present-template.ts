import type { TemplateSummary } from "../services/templates/data-source-templates.ts";

/** `ListDataSourceTemplatesResponse` (S5 data-sources.d.ts): not a standard list, no `object` key. */
export function presentTemplateList(templates: TemplateSummary[], nextCursor: string | null) {
  return {
    templates: templates.map((t) => ({ id: t.id, name: t.name, is_default: t.isDefault })),
    has_more: nextCursor !== null,
    next_cursor: nextCursor,
  };
}
