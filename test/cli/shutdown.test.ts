import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { client, databaseFlags, quire, start, tokenIn } from "./run-cli.ts";
import { sendPartOfUpload } from "./partial-upload.ts";

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
    await sendPartOfUpload(`${served.url}/v1/file_uploads/${id}/send`, token, {
      promisedBytes: 2048,
      sentBytes: 1024,
    });

    served.child.kill("SIGTERM");
    const [code] = (await once(served.child, "exit")) as [number | null];
    expect(code).toBe(0);
  });
});
