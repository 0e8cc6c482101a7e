import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { Client, LogLevel } from "@notionhq/client";
import { startServer, stop } from "./processes.ts";

/**
 * `npm run bench:uploads` (issue 12): a 100 MB multi-part upload and its download through a running
 * Quire, in MB/s, beside a plain copy of the same bytes on the same disk (the ceiling), with the server's
 * peak RSS during the transfers; then 20 concurrent 1 MB single-part uploads, in uploads/s. SQLite unless
 * BENCH_DATABASE_URL names a PostgreSQL database.
 */
const MIB = 1024 * 1024;
const PARTS = 10;
const PART_BYTES = 10 * MIB;
const TOTAL = PARTS * PART_BYTES;

const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-uploads-"));
const part = randomBytes(PART_BYTES);

async function ceiling(): Promise<{ write: number; read: number }> {
  const file = join(dataDir, "ceiling.bin");
  let start = performance.now();
  const out = createWriteStream(file);
  for (let i = 0; i < PARTS; i++)
    if (!out.write(part)) await new Promise<void>((r) => out.once("drain", () => r()));
  await new Promise<void>((resolve) => out.end(resolve));
  const handle = await open(file, "r+");
  await handle.sync();
  await handle.close();
  const write = TOTAL / MIB / ((performance.now() - start) / 1000);
  start = performance.now();
  await pipeline(
    createReadStream(file, { highWaterMark: 256 * 1024 }),
    async (source: AsyncIterable<Buffer>) => {
      for await (const _ of source) void _;
    },
  );
  const read = TOTAL / MIB / ((performance.now() - start) / 1000);
  rmSync(file);
  return { write, read };
}

/** The server's CPU time so far (user + system), in ms: robust where wall-clock figures are noise. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // Fields 14 and 15 of proc(5), counted after the command name: utime, stime in clock ticks (100/s).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const server = await startServer(
  process.execPath,
  ["--import", "tsx", "bench/runtime-server.ts", "baseline", dataDir],
  {
    ...process.env,
  },
);
const pid = server.child.pid ?? 0;
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
try {
  const token = server.output.map((l) => l.trim()).find((l) => l.startsWith("ntn_")) ?? "";
  const notion = new Client({ auth: token, baseUrl: server.url, logLevel: LogLevel.ERROR });
  const ceil = await ceiling();
  const idleRss = rssOf(pid);
  peak = idleRss;

  let cpu = cpuMsOf(pid);
  let start = performance.now();
  const upload = await notion.fileUploads.create({
    mode: "multi_part",
    number_of_parts: PARTS,
    filename: "big.mp4",
  });
  const numbers = Array.from({ length: PARTS }, (_, i) => i + 1);
  // Four parts in flight at a time, as an SDK user sending parts in parallel would.
  await Promise.all(
    [0, 1, 2, 3].map(async (lane) => {
      for (const n of numbers.filter((x) => x % 4 === lane)) {
        await notion.fileUploads.send({
          file_upload_id: upload.id,
          part_number: String(n),
          file: { filename: "big.mp4", data: new Blob([part]) },
        });
      }
    }),
  );
  await notion.fileUploads.complete({ file_upload_id: upload.id });
  const uploadMbs = TOTAL / MIB / ((performance.now() - start) / 1000);
  const uploadCpu = cpuMsOf(pid) - cpu;
  const uploadPeak = peak;

  const page = await notion.pages.create({ parent: { workspace: true }, properties: {} });
  const appended = await notion.blocks.children.append({
    block_id: page.id,
    children: [{ video: { type: "file_upload", file_upload: { id: upload.id } } }],
  });
  const video = (appended.results[0] as { video: { file: { url: string } } }).video.file.url;
  peak = rssOf(pid);
  cpu = cpuMsOf(pid);
  start = performance.now();
  const response = await fetch(video.startsWith("http") ? video : `${server.url}${video}`);
  let received = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.length;
  if (received !== TOTAL) throw new Error(`downloaded ${received} bytes, expected ${TOTAL}`);
  const downloadMbs = TOTAL / MIB / ((performance.now() - start) / 1000);
  const downloadCpu = cpuMsOf(pid) - cpu;
  const downloadPeak = peak;

  const small = randomBytes(MIB);
  const count = 100;
  start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < count) {
        next += 1;
        const { id } = await notion.fileUploads.create({ filename: "one.png" });
        await notion.fileUploads.send({
          file_upload_id: id,
          file: { filename: "one.png", data: new Blob([small]) },
        });
      }
    }),
  );
  const perSecond = count / ((performance.now() - start) / 1000);

  const engine = process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "SQLite (files under the data dir)";
  console.log(`File uploads on ${engine}, ${TOTAL / MIB} MiB in ${PARTS} parts`);
  console.log(
    `  ceiling (plain copy, same disk): write ${ceil.write.toFixed(0)} MB/s, read ${ceil.read.toFixed(0)} MB/s`,
  );
  console.log(
    `  multi-part upload: ${uploadMbs.toFixed(0)} MB/s (${((uploadMbs / ceil.write) * 100).toFixed(0)}% of the write ceiling); server RSS peak ${uploadPeak.toFixed(0)} MB (idle ${idleRss.toFixed(0)} MB)`,
  );
  console.log(
    `  download:          ${downloadMbs.toFixed(0)} MB/s (${((downloadMbs / ceil.read) * 100).toFixed(0)}% of the read ceiling); server RSS peak ${downloadPeak.toFixed(0)} MB`,
  );
  console.log(`  20 concurrent 1 MB single-part uploads: ${perSecond.toFixed(0)} uploads/s`);
  console.log(
    `  server CPU per 100 MiB: upload ${uploadCpu} ms, download ${downloadCpu} ms (robust on a loaded machine)`,
  );
} finally {
  clearInterval(sampler);
  await stop(server);
  rmSync(dataDir, { recursive: true, force: true });
}
