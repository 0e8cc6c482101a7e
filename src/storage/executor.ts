import type { Kysely, Transaction } from "kysely";
import type { Schema } from "./schema.ts";

/** Anything that runs queries: the database itself or an open transaction. */
export type Executor = Kysely<Schema> | Transaction<Schema>;
