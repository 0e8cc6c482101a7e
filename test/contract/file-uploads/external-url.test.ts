import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Client } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError, fullBlock, workspacePage } from "../helpers.ts";
import { quiet, start } from "../harness/support.ts";
import { expectSignedFile } from "./upload-fixtures.ts";

let server: TestServer;
let files: Server;
let port = 0;
const CSV = "name,size\nquire,1\n";

beforeAll(async () => {
  server = await startTestServer();
  files = createServer((req, res) => {
    if (req.url === "/data.csv") {
      res.writeHead(200, { "content-type": "text/csv", "content-length": String(CSV.length) });
      return res.end(CSV);
    }
    // Where a hostile file server sends an importer: the cloud metadata service, a private host.
    const redirects: Record<string, string> = {
      "/to-metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "/to-metadata-v6": "http://[fd00:ec2::254]/latest/meta-data/",
      "/to-private": "http://10.0.0.1/secret.csv",
      "/to-private-mapped": "http://[::ffff:192.168.0.1]/secret.csv",
    };
    const location = redirects[req.url ?? ""];
    if (location) return res.writeHead(302, { location }).end();
    res.writeHead(404).end("missing");
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  port = (files.address() as AddressInfo).port;
});
afterAll(async () => {
  files.closeAllConnections();
  await new Promise((resolve) => files.close(resolve));
  await server.close();
});

async function settled(notion: Client, id: string) {
  for (let i = 0; i < 100; i++) {
    const upload = await notion.fileUploads.retrieve({ file_upload_id: id });
    if (upload.status !== "pending") return upload;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the import never finished");
}

describe("external_url uploads", () => {
  it("imports from a local server when private networks are allowed, then attaches like any upload", async () => {
    server.ctx.allowPrivateNetwork = true;
    try {
      const ws = await server.workspace();
      const notion = ws.client();
      const created = await notion.fileUploads.create({
        mode: "external_url",
        external_url: `http://localhost:${port}/data.csv`,
        filename: "data.csv",
      });
      expect(created).toMatchObject({ status: "pending", filename: "data.csv" });
      expect(created.upload_url).toBeUndefined();
      const done = await settled(notion, created.id);
      expect(done).toMatchObject({
        status: "uploaded",
        content_type: "text/csv",
        content_length: CSV.length,
        file_import_result: { type: "success", success: {}, imported_time: expect.any(String) },
      });
      const root = await workspacePage(notion);
      const appended = await notion.blocks.children.append({
        block_id: root.id,
        children: [{ file: { type: "file_upload", file_upload: { id: created.id } } }],
      });
      const block = fullBlock(appended.results[0]);
      if (block.type !== "file") throw new Error("not a file block");
      expect(await (await fetch(expectSignedFile(block.file, server.url).url)).text()).toBe(CSV);

      const missing = await notion.fileUploads.create({
        mode: "external_url",
        external_url: `http://localhost:${port}/nothing.csv`,
        filename: "nothing.csv",
      });
      expect(await settled(notion, missing.id)).toMatchObject({
        status: "failed",
        file_import_result: { type: "error", error: { type: "download_error", status_code: 404 } },
      });
      await expectApiError(notion.fileUploads.send({ file_upload_id: created.id, file: { data: "x" } }), {
        status: 400,
        code: "validation_error",
        message: /cannot be sent/,
      });
    } finally {
      server.ctx.allowPrivateNetwork = false;
    }
  });

  it("refuses a hostname that resolves to 127.0.0.1, plain http and private addresses without the flag", async () => {
    const notion = (await server.workspace()).client();
    for (const url of [
      `https://localhost:${port}/data.csv`,
      `https://127.0.0.1:${port}/data.csv`,
      "https://169.254.169.254/latest/meta-data/",
      "https://[::1]/x.csv",
    ]) {
      await expectApiError(
        notion.fileUploads.create({ mode: "external_url", external_url: url, filename: "data.csv" }),
        { status: 400, code: "validation_error", message: /internal address, which Quire does not fetch/ },
      );
    }
    await expectApiError(
      notion.fileUploads.create({
        mode: "external_url",
        external_url: `http://localhost:${port}/data.csv`,
        filename: "data.csv",
      }),
      { status: 400, code: "validation_error", message: /must use https/ },
    );
    await expectApiError(notion.fileUploads.create({ mode: "external_url", filename: "data.csv" }), {
      status: 400,
      code: "validation_error",
      message: /body\.external_url should be defined/,
    });
    expect((await notion.fileUploads.list({})).results).toEqual([]);
  });

  it("fails an import redirected to the metadata address, even where private networks are allowed", async () => {
    server.ctx.allowPrivateNetwork = true;
    try {
      const notion = (await server.workspace()).client();
      for (const [path, host] of [
        ["/to-metadata", "169.254.169.254"],
        ["/to-metadata-v6", "fd00:ec2::254"],
      ] as const) {
        const { id } = await notion.fileUploads.create({
          mode: "external_url",
          external_url: `http://127.0.0.1:${port}${path}`,
          filename: "data.csv",
        });
        const done = await settled(notion, id);
        expect(done).toMatchObject({
          status: "failed",
          content_length: null,
          file_import_result: {
            imported_time: expect.any(String),
            type: "error",
            error: {
              type: "validation_error",
              code: "blocked_address",
              message: expect.stringContaining(host),
              parameter: "external_url",
              status_code: null,
            },
          },
        });
        await expectApiError(
          notion.blocks.children.append({
            block_id: (await workspacePage(notion)).id,
            children: [{ file: { type: "file_upload", file_upload: { id } } }],
          }),
          { status: 400, code: "validation_error" },
        );
      }
    } finally {
      server.ctx.allowPrivateNetwork = false;
    }
  });

  it("fails an import redirected to a private address when only this machine's range is allowed", async () => {
    server.ctx.allowedNetworks = ["127.0.0.0/8"];
    try {
      const notion = (await server.workspace()).client();
      const direct = await notion.fileUploads.create({
        mode: "external_url",
        external_url: `http://127.0.0.1:${port}/data.csv`,
        filename: "data.csv",
      });
      expect(await settled(notion, direct.id)).toMatchObject({ status: "uploaded" });
      for (const [path, host] of [
        ["/to-private", "10.0.0.1"],
        ["/to-private-mapped", "::ffff:c0a8:1"], // as the URL normalises it,
        ["/to-metadata", "169.254.169.254"],
      ] as const) {
        const { id } = await notion.fileUploads.create({
          mode: "external_url",
          external_url: `http://127.0.0.1:${port}${path}`,
          filename: "data.csv",
        });
        expect(await settled(notion, id)).toMatchObject({
          status: "failed",
          file_import_result: {
            type: "error",
            error: {
              type: "validation_error",
              code: "blocked_address",
              message: expect.stringContaining(host),
            },
          },
        });
      }
      // The range allowed is this machine's only: a private address named directly is refused at once.
      await expectApiError(
        notion.fileUploads.create({
          mode: "external_url",
          external_url: "http://10.0.0.1/secret.csv",
          filename: "data.csv",
        }),
        { status: 400, code: "validation_error", message: /internal address/ },
      );
    } finally {
      delete server.ctx.allowedNetworks;
    }
  });

  it("is allowed to reach this machine under startQuire(), as integration tests need", async () => {
    const quire = await start();
    const notion = quiet(quire);
    const { id } = await notion.fileUploads.create({
      mode: "external_url",
      external_url: `http://127.0.0.1:${port}/data.csv`,
      filename: "data.csv",
    });
    expect(await settled(notion, id)).toMatchObject({ status: "uploaded", content_length: CSV.length });
  });
});
