import { readFile } from "node:fs/promises";
import { type Seed, SeedError, parseSeedText, readSeed } from "./seed-format.ts";

/** A seed from a file path (`.yaml`, `.yml` or `.json`) or an object already in memory. */
export async function loadSeed(source: string | object): Promise<Seed> {
  if (typeof source !== "string") return readSeed(source);
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    throw new SeedError([`cannot read seed file ${source}: ${(error as Error).message}`]);
  }
  return parseSeedText(text, source);
}
