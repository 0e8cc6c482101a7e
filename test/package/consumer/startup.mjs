// Run inside a consumer project: prints how long importing `quire-server/testing` takes, and how long
// the first and a second `startQuire()` take until they resolve (the server is listening, migrated
// and seeded). Figures only; the smoke test reports them and asserts nothing about time.
/* global console */
import { performance } from "node:perf_hooks";

const t0 = performance.now();
const { startQuire } = await import("quire-server/testing");
const t1 = performance.now();
const first = await startQuire({ seed: "test/seed.yaml" });
const t2 = performance.now();
const second = await startQuire({ seed: "test/seed.yaml" });
const t3 = performance.now();
await Promise.all([first.close(), second.close()]);
console.log(JSON.stringify({ import: t1 - t0, first: t2 - t1, second: t3 - t2 }));
