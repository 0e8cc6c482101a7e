import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { client, databaseFlags, kill, quire, start, tokenIn } from "./run-cli.ts";
import { sendPartOfUpload } from "./partial-upload.ts";

const MIB = 1024 * 1024;

describe("kill -9 during an upload", () => {
  it("leaves the upload pending and no file named as its blob; it is sent whole after the restart", async () => {
    const flags = await databaseFlags();
    const first = await start([...flags, "--no-demo"]);
    const token = tokenIn(first.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
    const { id } = await client(first.url, token).fileUploads.create({ filename: "a.txt" });
    await sendPartOfUpload(`${first.url}/v1/file_uploads/${id}/send`, token, {
      promisedBytes: 16 * MIB,
      sentBytes: 8 * MIB,
    });
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
