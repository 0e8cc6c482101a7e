import { RICH_TEXT_LIMITS } from "../rich-text.ts";
import { requireEnum, requireString } from "../validation.ts";
import { CODE_LANGUAGES, LIST_FORMATS } from "./catalogue.ts";
import {
  type Field,
  captionField,
  colorField,
  falseByDefault,
  requireInteger,
  richTextField,
} from "./fields.ts";
import { parseNullableIcon } from "./icons.ts";
import { ANY_CHILDREN, type BlockSpec, NO_CHILDREN, fieldSpec } from "./spec.ts";

/** Field order follows the order Notion serves each object in. */
const heading = fieldSpec(
  { rich_text: richTextField, is_toggleable: falseByDefault, color: colorField },
  ANY_CHILDREN,
);

const richTextAndColor = fieldSpec({ rich_text: richTextField, color: colorField }, ANY_CHILDREN);

/** Paragraphs carry `icon: null` unless one was set (SDK 5.x `ContentWithRichTextColorAndIconResponse`). */
const paragraphIcon: Field = { parse: parseNullableIcon, fallback: () => null };

export const TEXT_BLOCKS: Record<string, BlockSpec> = {
  paragraph: fieldSpec({ rich_text: richTextField, color: colorField, icon: paragraphIcon }, ANY_CHILDREN),
  heading_1: heading,
  heading_2: heading,
  heading_3: heading,
  heading_4: heading,
  bulleted_list_item: richTextAndColor,
  numbered_list_item: fieldSpec(
    {
      rich_text: richTextField,
      color: colorField,
      list_start_index: { parse: (value, path) => requireInteger(value, path, 1) },
      list_format: { parse: (value, path) => requireEnum(value, path, LIST_FORMATS) },
    },
    ANY_CHILDREN,
  ),
  quote: richTextAndColor,
  toggle: richTextAndColor,
  to_do: fieldSpec({ rich_text: richTextField, checked: falseByDefault, color: colorField }, ANY_CHILDREN),
  template: fieldSpec({ rich_text: richTextField }, ANY_CHILDREN),
  callout: fieldSpec(
    {
      rich_text: richTextField,
      icon: { parse: parseNullableIcon, fallback: () => null },
      color: colorField,
    },
    ANY_CHILDREN,
  ),
  code: fieldSpec(
    {
      caption: captionField,
      rich_text: richTextField,
      language: { parse: (value, path) => requireEnum(value, path, CODE_LANGUAGES), required: true },
    },
    NO_CHILDREN,
  ),
  equation: fieldSpec(
    {
      expression: {
        parse: (value, path) => requireString(value, path, RICH_TEXT_LIMITS.expression),
        required: true,
      },
    },
    NO_CHILDREN,
  ),
};
