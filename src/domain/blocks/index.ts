export {
  CODE_LANGUAGES,
  CREATABLE_BLOCK_TYPES,
  LIST_FORMATS,
  MAX_BLOCK_ELEMENTS,
  MAX_CHILDREN_PER_ARRAY,
  isCreatableType,
} from "./catalogue.ts";
export { emojiOf, parseCover, parseIcon, parseNullableIcon } from "./icons.ts";
export { nameFromUrl } from "./media-blocks.ts";
export { type ParentContext, parseBlockChildren } from "./parse.ts";
export {
  type BlockReferences,
  canHaveChildren,
  collectReferences,
  countBlockElements,
  referencedIds,
} from "./references.ts";
export { checkRowWidth } from "./structure-blocks.ts";
export type { NestingBudget, NewBlock } from "./types.ts";
export { parseBlockUpdate } from "./update.ts";
