import { readFile, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { unzipSync } from "fflate";

/** An export read into memory: relative path (with `/`) → bytes. */
export type ExportFiles = Map<string, Uint8Array>;

export class ImportInputError extends Error {}

async function readDir(root: string): Promise<ExportFiles> {
  const files: ExportFiles = new Map();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.set(relative(root, full).split(sep).join("/"), await readFile(full));
    }
  }
  await walk(root);
  return files;
}

/**
 * Notion's export is a zip; large workspaces come as a zip of zips ("Part-1.zip", …), whose
 * contents are merged here. macOS metadata folders are skipped.
 */
function unzip(name: string, data: Uint8Array, into: ExportFiles, depth = 0): void {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data);
  } catch (error) {
    throw new ImportInputError(
      `${name} is not a readable zip file (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.endsWith("/") || path.startsWith("__MACOSX/")) continue;
    if (path.toLowerCase().endsWith(".zip") && depth < 2) unzip(`${name}/${path}`, bytes, into, depth + 1);
    else into.set(path, bytes);
  }
}

/** A directory or a `.zip` file, as Quire or Notion exported it. */
export async function readExport(path: string): Promise<ExportFiles> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ImportInputError(`${path} does not exist.`);
  const files: ExportFiles = new Map();
  if (info.isDirectory()) {
    for (const [name, bytes] of await readDir(path)) {
      if (name.toLowerCase().endsWith(".zip")) unzip(join(path, name), bytes, files);
      else files.set(name, bytes);
    }
  } else unzip(path, await readFile(path), files);
  if (![...files.keys()].some((f) => /\.(md|csv)$/i.test(f)))
    throw new ImportInputError(`${path} holds no Markdown or CSV files to import.`);
  return files;
}
