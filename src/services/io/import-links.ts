import { decodePath, resolvePath } from "../../domain/io/file-names.ts";
import { dropRelativeLinks, withUploads } from "./import-files.ts";
import { type Plan, type PlanNode, type PlanPage, walkPlan } from "./import-plan.ts";
import { replaceIds } from "./import-values.ts";

/** What the import has made so far, for the links of the pages it writes next. */
export interface ImportedSoFar {
  plan: Plan;
  /** Old compact id → new id, for links and mentions. */
  newIds: Map<string, string>;
  created: Map<PlanNode, string>;
  urlOf(node: PlanNode): string | null;
}

/** Rewrites a page's markdown: relative links (Notion) and old ids (Quire) name the new pages. */
export function pageMarkdown(page: PlanPage, imported: ImportedSoFar, uploads: Map<string, string>): string {
  const children = new Set(page.children);
  const linked = new Set<PlanNode>();
  const byFile = (link: string): PlanNode | undefined => {
    const path = resolvePath(page.file, decodePath(link));
    const base = (file: string) => file.replace(/(_all)?\.csv$/i, "");
    return (
      imported.plan.pagesByFile.get(path) ??
      [...walkPlan(imported.plan.roots)].find((n) => n.kind === "database" && base(n.file) === base(path))
    );
  };
  let body = page.body.replace(
    /^\[([^\]\n]*)\]\(([^)\s]+\.(?:md|csv))\)$/gm,
    (match, label: string, link: string) => {
      const target = byFile(link);
      const url = target && imported.urlOf(target);
      if (!target || !url || !children.has(target)) return match;
      linked.add(target);
      const tag = target.kind === "page" ? "page" : "database";
      return `<${tag} url="${url}">${label}</${tag}>`;
    },
  );
  body = body.replace(/\]\(([^)\s]+\.(?:md|csv))\)/g, (match, link: string) => {
    if (/^[a-z]+:/i.test(link)) return match;
    const target = byFile(link);
    const url = target && imported.urlOf(target);
    return url ? `](${url})` : match;
  });
  body = dropRelativeLinks(replaceIds(withUploads(body, uploads), imported.newIds));
  // Sub-pages the content does not place (Notion lists some only as files) go at the end.
  for (const child of page.children) {
    const id = imported.created.get(child);
    if (!id || linked.has(child) || body.includes(id.replace(/-/g, ""))) continue;
    const tag = child.kind === "page" ? "page" : "database";
    body += `${body === "" ? "" : "\n"}<${tag} url="${imported.urlOf(child) ?? ""}">${child.title}</${tag}>`;
  }
  return body;
}
