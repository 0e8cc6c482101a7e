import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { type Served, databaseFlags, kill, quire, serve } from "./run-cli.ts";

const BIN = new URL("../../bin/quire.js", import.meta.url).pathname;
const running: Served[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => kill(s)));
});

function withStdin(
  args: string[],
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("accounts and public integrations from the CLI", () => {
  it("prints the owner's sign-in on first start, adds people, and creates public integrations", async () => {
    const flags = await databaseFlags();
    const served = await serve(flags);
    running.push(served);
    // The password is hashed (scrypt) after the server starts listening; wait for its line.
    await expect.poll(() => served.lines.join("\n"), { timeout: 10_000 }).toMatch(/password: /);
    const text = served.lines.join("\n");
    expect(text).toMatch(/email: +owner@quire\.local/);
    expect(text).toMatch(/password: +\S{20}/);
    const added = await withStdin(
      ["user", "create", "--email", "New@Example.com", "--password-stdin", ...flags],
      "a good password\n",
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout.trim().split("\n").at(-1) ?? "")).toMatchObject({
      email: "new@example.com",
      role: "member",
    });
    const weak = await withStdin(
      ["user", "create", "--email", "weak@example.com", "--password-stdin", ...flags],
      "short",
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("at least 10 characters");
    const lines = await quire([
      "integration",
      "create",
      "--name",
      "Pub",
      "--public",
      "--redirect-uri",
      "https://a.example/cb",
      "--redirect-uri",
      "http://localhost:3000/cb",
      ...flags,
    ]);
    const created = JSON.parse(lines.at(-1) ?? "") as { client_id: string; client_secret: string };
    expect(created.client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.client_secret).toMatch(/^secret_/);
    const authorize = await fetch(
      `${served.url}/v1/oauth/authorize?client_id=${created.client_id}&response_type=code&redirect_uri=${encodeURIComponent("https://a.example/cb")}`,
      { redirect: "manual" },
    );
    expect(authorize.status).toBe(303);
    expect(authorize.headers.get("location")).toMatch(/^\/sign-in\?next=/);
  });
});
