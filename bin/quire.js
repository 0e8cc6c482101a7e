#!/usr/bin/env node
// Quire is written in TypeScript and runs from source; tsx compiles each module on first load.
import { register } from "tsx/esm/api";

register();
await import(new URL("../src/cli/main.ts", import.meta.url).href);
