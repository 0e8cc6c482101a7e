import { type JsonObject, isObject } from "../validation.ts";
import { specFor } from "./registry.ts";
import type { NewBlock } from "./types.ts";

/** Ids a block points at, which the service must check exist (and are shared) before storing it. */
export interface BlockReferences {
  /** link_to_page targets; a database id counts as a page-like object Notion resolves the same way. */
  pages: string[];
  /** synced_block originals. */
  blocks: string[];
  /** Pending uploads named by media blocks and file_upload icons. */
  fileUploads: string[];
  /** link_to_page comment targets. */
  comments: string[];
}

function empty(): BlockReferences {
  return { pages: [], blocks: [], fileUploads: [], comments: [] };
}

function addTo(refs: BlockReferences, content: JsonObject, type: string): void {
  if (type === "link_to_page") {
    const kind = content.type;
    const id = typeof kind === "string" ? content[kind] : undefined;
    if (typeof id === "string") (kind === "comment_id" ? refs.comments : refs.pages).push(id);
  }
  if (type === "synced_block" && isObject(content.synced_from)) {
    const id = content.synced_from.block_id;
    if (typeof id === "string") refs.blocks.push(id);
  }
  for (const source of [content, content.icon]) {
    if (isObject(source) && source.type === "file_upload" && isObject(source.file_upload)) {
      const id = source.file_upload.id;
      if (typeof id === "string") refs.fileUploads.push(id);
    }
  }
}

/** The ids one block's stored content refers to (mentions inside rich text are `mentionTargets`' job). */
export function referencedIds(content: JsonObject, type: string): BlockReferences {
  const refs = empty();
  addTo(refs, content, type);
  return refs;
}

/** Every id referenced anywhere in a parsed request tree, each listed once. */
export function collectReferences(blocks: NewBlock[]): BlockReferences {
  const refs = empty();
  const walk = (list: NewBlock[]): void => {
    for (const block of list) {
      addTo(refs, block.content, block.type);
      walk(block.children);
    }
  };
  walk(blocks);
  return {
    pages: [...new Set(refs.pages)],
    blocks: [...new Set(refs.blocks)],
    fileUploads: [...new Set(refs.fileUploads)],
    comments: [...new Set(refs.comments)],
  };
}

/** Blocks at every depth: reference/request-limits caps a payload at 1000 block elements. */
export function countBlockElements(blocks: NewBlock[]): number {
  return blocks.reduce((sum, block) => sum + 1 + countBlockElements(block.children), 0);
}

/**
 * Whether a stored block of this type may be given children (append, or the target of a move).
 * Types this catalogue cannot create (child_page, …) are for the caller to decide.
 */
export function canHaveChildren(type: string, content: JsonObject): boolean {
  return specFor(type)?.children(content).allowed ?? false;
}
