const BASE_COLORS = [
  "default",
  "gray",
  "brown",
  "orange",
  "yellow",
  "green",
  "blue",
  "purple",
  "pink",
  "red",
];

/** `ApiColor`: the ten text colors and their `_background` variants (S5 common.d.ts). */
export const API_COLORS: readonly string[] = [...BASE_COLORS, ...BASE_COLORS.map((c) => `${c}_background`)];

/** Native-icon colors (`NoticonColor`). */
export const ICON_COLORS: readonly string[] = [
  "gray",
  "lightgray",
  "brown",
  "yellow",
  "orange",
  "green",
  "blue",
  "purple",
  "pink",
  "red",
];
