import { CODE_LANGUAGES } from "../blocks/index.ts";

/** Fence info strings people write, mapped to Notion's code languages (S5 `LanguageRequest`). */
const ALIASES: Record<string, string> = {
  js: "javascript",
  jsx: "javascript",
  ts: "typescript",
  tsx: "typescript",
  py: "python",
  sh: "shell",
  zsh: "shell",
  console: "shell",
  yml: "yaml",
  md: "markdown",
  rb: "ruby",
  rs: "rust",
  kt: "kotlin",
  cs: "c#",
  csharp: "c#",
  cpp: "c++",
  "objective c": "objective-c",
  objc: "objective-c",
  dockerfile: "docker",
  text: "plain text",
  txt: "plain text",
  plaintext: "plain text",
  "": "plain text",
};

export function codeLanguage(info: string): string {
  const name = info.trim().toLowerCase();
  if (CODE_LANGUAGES.includes(name)) return name;
  return ALIASES[name] ?? "plain text";
}
