import { validationError } from "../../errors.ts";
import { specFor } from "../blocks/registry.ts";
import type { NewBlock } from "../blocks/types.ts";
import type { JsonObject } from "../validation.ts";
import type { MarkdownNode } from "./nodes.ts";

/**
 * A validated block from markdown, stored as `content` exactly like a block from a JSON request; or a
 * reference to an existing object (`child_page`, `child_database`, `unknown`) with `content` `{id?,…}`.
 */
export interface ContentNode {
  type: string;
  content: JsonObject;
  children: ContentNode[];
}

/** Types that name existing objects instead of describing new blocks. */
export const REFERENCE_TYPES: ReadonlySet<string> = new Set(["child_page", "child_database", "unknown"]);

/**
 * Checks markdown nodes with the same block rules as JSON requests (rich text limits, colors, URLs,
 * languages, which children each type may hold). Nesting depth is not limited: markdown writes the
 * whole tree at once, as Notion's markdown endpoints do.
 */
export function validateNodes(nodes: MarkdownNode[], parentType = "page"): ContentNode[] {
  return nodes.map((node) => validateNode(node, parentType));
}

function validateNode(node: MarkdownNode, parentType: string): ContentNode {
  const path = `body.markdown (line ${node.line})`;
  if (REFERENCE_TYPES.has(node.type)) return { type: node.type, content: node.data, children: [] };
  const spec = specFor(node.type);
  if (!spec) throw validationError(`${path}: ${node.type} blocks can't be created from markdown.`);
  if (spec.parents && !spec.parents.includes(parentType)) {
    throw validationError(`${path}: a ${node.type} block can't be placed in ${parentType}.`);
  }
  const content = spec.create(node.data, `${path}.${node.type}`);
  const rule = spec.children(content);
  if (node.children.length > 0 && !rule.allowed) {
    throw validationError(`${path}: ${node.type} blocks can't have children.`);
  }
  if (rule.min !== undefined && node.children.length < rule.min) {
    throw validationError(`${path}: a ${node.type} block needs at least ${rule.min} children.`);
  }
  const children = node.children.map((child) => {
    if (rule.only !== undefined && child.type !== rule.only) {
      throw validationError(
        `body.markdown (line ${child.line}): a ${node.type} block can only hold ${rule.only} blocks.`,
      );
    }
    return validateNode(child, node.type);
  });
  spec.checkChildren?.(content, children.map(asNewBlock), `${path}.${node.type}.children`);
  return { type: node.type, content, children };
}

function asNewBlock(node: ContentNode): NewBlock {
  return { type: node.type, content: node.content, children: node.children.map(asNewBlock) };
}

export function countNodes(nodes: ContentNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}
