import { once } from "node:events";
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { client, databaseFlags, quire, start, tokenIn } from "./run-cli.ts";

/** Sends the head and half the bytes of an upload, then stalls with the request open, as a client that hung. */
function stallMidUpload(url: string, token: string): Promise<void> {
  const boundary = "stalledboundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n`;
  return new Promise((resolve) => {
    const req = request(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "notion-version": "2025-09-03",
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.length + 2048),
      },
    });
    req.on("error", () => undefined);
    req.write(head);
    req.write(Buffer.alloc(1024, 97), () => setTimeout(resolve, 300));
  });
}

describe("quire serve on SIGTERM", () => {
  it("exits cleanly within its grace period even while a client stalls mid-upload", async () => {
    const flags = await databaseFlags();
    // The body timeout is far longer than the test: only the shutdown grace can end the stalled request.
    process.env["QUIRE_SHUTDOWN_GRACE"] = "1";
    process.env["QUIRE_BODY_TIMEOUT"] = "3600";
    const served = await start([...flags, "--no-demo"]).finally(() => {
      delete process.env["QUIRE_SHUTDOWN_GRACE"];
      delete process.env["QUIRE_BODY_TIMEOUT"];
    });
    const token = tokenIn(served.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
    const { id } = await client(served.url, token).fileUploads.create({ filename: "a.txt" });
    await stallMidUpload(`${served.url}/v1/file_uploads/${id}/send`, token);

    served.child.kill("SIGTERM");
    const [code] = (await once(served.child, "exit")) as [number | null];
    expect(code).toBe(0);
  });
});
