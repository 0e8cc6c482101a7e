/** The ten text colors; as `SelectColor`, also the colors of select, multi-select and status options. */
export const TEXT_COLORS = [
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
] as const;

/** `ApiColor`: the ten text colors and their `_background` variants (S5 common.d.ts). */
export const API_COLORS: readonly string[] = [...TEXT_COLORS, ...TEXT_COLORS.map((c) => `${c}_background`)];

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
