import { isCreatableType } from "./catalogue.ts";
import { MEDIA_BLOCKS } from "./media-blocks.ts";
import type { BlockSpec } from "./spec.ts";
import { STRUCTURE_BLOCKS } from "./structure-blocks.ts";
import { TEXT_BLOCKS } from "./text-blocks.ts";

const BLOCK_SPECS: Record<string, BlockSpec> = { ...TEXT_BLOCKS, ...MEDIA_BLOCKS, ...STRUCTURE_BLOCKS };

/** The rules for a creatable type; `undefined` for anything else (guards against keys like `constructor`). */
export function specFor(type: string): BlockSpec | undefined {
  return isCreatableType(type) ? BLOCK_SPECS[type] : undefined;
}

export function specTypes(): string[] {
  return Object.keys(BLOCK_SPECS);
}
