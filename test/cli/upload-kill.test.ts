import { readdir, readFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { client, databaseFlags, kill, quire, start, tokenIn } from "./run-cli.ts";

const MIB = 1024 * 1024;

/** Streams half of a promised 16 MiB file and leaves the request open, as a client mid-upload. */
function startSending(url: string, token: string): Promise<void> {
  const boundary = "killboundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n`;
  return new Promise((resolve) => {
    const req = request(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "notion-version": "2025-09-03",
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.length + 16 * MIB),
      },
    });
    req.on("error", () => undefined);
    req.write(head);
    req.write(Buffer.alloc(8 * MIB, 97), () => setTimeout(resolve, 500));
  });
}

describe("kill -9 during an upload", () => {
  it("leaves the upload pending and no file named as its blob; it is sent whole after the restart", async () => {
    const flags = await databaseFlags();
    const first = await start([...flags, "--no-demo"]);
    const token = tokenIn(first.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
    const { id } = await client(first.url, token).fileUploads.create({ filename: "a.txt" });
    await startSending(`${first.url}/v1/file_uploads/${id}/send`, token);
    await kill(first, "SIGKILL");

    const second = await start([...flags, "--no-demo"]);
    const notion = client(second.url, token);
    expect(await notion.fileUploads.retrieve({ file_upload_id: id })).toMatchObject({
      status: "pending",
      content_length: null,
    });
    const dataDir = flags[flags.indexOf("--data") + 1] ?? "";
    const onSqlite = !flags.includes("--database-url");
    const named = async () =>
      (await readdir(join(dataDir, "files")).catch(() => [] as string[])).filter((n) =>
        n.startsWith(`${id}.`),
      );
    if (onSqlite) expect(await named()).toEqual([]);

    await notion.fileUploads.send({ file_upload_id: id, file: { filename: "a.txt", data: "all of it" } });
    expect(await notion.fileUploads.retrieve({ file_upload_id: id })).toMatchObject({
      status: "uploaded",
      content_length: 9,
    });
    if (onSqlite) {
      const [blob = ""] = await named();
      expect(await readFile(join(dataDir, "files", blob), "utf8")).toBe("all of it");
    }
  });
});
