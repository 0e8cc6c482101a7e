/**
 * The load generator of bench/soak.ts, in a process of its own: autocannon cycling each connection
 * through a list of requests. Reads its options as JSON from argv[2]; prints autocannon's result as JSON.
 */
import { createRequire } from "node:module";

// autocannon ships no types; its programmatic API takes the options object and resolves to its result.
const autocannon = createRequire(import.meta.url)("autocannon") as (options: object) => Promise<unknown>;
const result = await autocannon(JSON.parse(process.argv[2] ?? "{}") as object);
console.log(JSON.stringify(result));
