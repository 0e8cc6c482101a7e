import { type FormulaValue, EMPTY, toFormulaResult } from "../../domain/formulas/index.ts";
import { convertValue, queryValues } from "../../domain/properties/index.ts";
import type { PropertySchema, QueryValues, StoredValues } from "../../domain/properties/types.ts";
import { plainText } from "../../domain/rich-text.ts";
import { isObject } from "../../domain/validation.ts";
import { sourceRowsAfter } from "../../storage/block-lookup-repo.ts";
import { type BlockRecord, findBlock, findBlocks, updateBlock } from "../../storage/block-repo.ts";
import { findDataSourceFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { findUsers } from "../../storage/identity-repo.ts";
import type { ServiceContext } from "../context.ts";
import { formulaInput, referencedIds } from "./formula-inputs.ts";
import { formulaOf, formulaResultType } from "./formulas.ts";
import { elementsOf, rollup } from "./rollups.ts";

/** The title property's plain text, which is also the page's `child_page` title. */
export function rowTitle(schema: PropertySchema[], values: StoredValues): string {
  const title = schema.find((p) => p.type === "title");
  return title ? plainText(values[title.id]) : "";
}

function idsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.flatMap((v) => (isObject(v) && typeof v.id === "string" ? [v.id] : []))
    : [];
}

/** Loads the related pages a computation reads; readers who see only some of them pass their own. */
export type RelatedPages = (ids: string[]) => Promise<BlockRecord[]>;

async function computeRollups(
  db: Executor,
  related: RelatedPages,
  schema: PropertySchema[],
  row: BlockRecord,
  values: StoredValues,
) {
  for (const property of schema.filter((p) => p.type === "rollup")) {
    const config = property.config;
    const relation = schema.find((p) => p.id === config.relation_property_id);
    const targetId = relation?.config.data_source_id;
    const target = typeof targetId === "string" ? await findDataSourceFields(db, targetId) : undefined;
    const rolled = target?.schema.find((p) => p.id === config.rollup_property_id);
    if (!relation || !rolled) {
      values[property.id] = { type: "unsupported", unsupported: {}, function: config.function };
      continue;
    }
    // Notion evaluates rollups over the first 25 references of a relation (reference/request-limits).
    const ids = idsOf(row.properties?.[relation.id]).slice(0, 25);
    const found = new Map((await related(ids)).map((p) => [p.id, p]));
    // In the relation's own order: show_original lists values the way the relation lists pages.
    const pages = ids.flatMap((id) => {
      const page = found.get(id);
      return page && !page.inTrash ? [page] : [];
    });
    values[property.id] = rollup(String(config.function), rolled, pages);
  }
}

/** Related pages and their schemas, so `current.prop("…")` in a formula can read them. */
interface Related {
  pages: ReadonlyMap<string, BlockRecord>;
  schemas: ReadonlyMap<string, PropertySchema[]>;
}

function evaluateFormulas(
  schema: PropertySchema[],
  row: BlockRecord,
  names: Parameters<typeof formulaInput>[2],
  related: Related,
  now: Date,
  values: StoredValues,
) {
  // Properties of related pages as stored (their own formulas as last computed).
  const pageProp = (pageId: string, name: string): FormulaValue => {
    const page = related.pages.get(pageId);
    const input = page?.parentId
      ? related.schemas.get(page.parentId)?.find((p) => p.name === name || p.id === name)
      : undefined;
    return page && input ? formulaInput(input, page, names) : EMPTY;
  };
  const formulas = schema.filter((p) => p.type === "formula");
  const results = new Map<string, FormulaValue>();
  const evaluating = new Set<string>();
  const current = { ...row, properties: values };
  const evaluate = (property: PropertySchema): FormulaValue => {
    const done = results.get(property.id);
    if (done) return done;
    // A formula that (through others) refers to itself is empty, as in Notion's editor.
    if (evaluating.has(property.id)) return EMPTY;
    evaluating.add(property.id);
    let value: FormulaValue = EMPTY;
    try {
      value = formulaOf(schema, property).evaluate({
        prop: (name) => {
          const input = schema.find((p) => p.name === name || p.id === name);
          if (!input) return EMPTY;
          return input.type === "formula" ? evaluate(input) : formulaInput(input, current, names);
        },
        now,
        pageId: row.id,
        pageProp,
      });
    } catch {
      value = EMPTY;
    }
    evaluating.delete(property.id);
    results.set(property.id, value);
    return value;
  };
  for (const formula of formulas) {
    const type = formulaResultType(schema, formula);
    values[formula.id] = toFormulaResult(evaluate(formula), type ? { type } : {});
  }
}

/** Query encodings of formula and rollup results (see QueryValues). */
function computedQueryValues(schema: PropertySchema[], values: StoredValues): QueryValues {
  const out: QueryValues = {};
  for (const property of schema) {
    const value = values[property.id];
    if (
      (property.type !== "formula" && property.type !== "rollup") ||
      !isObject(value) ||
      typeof value.type !== "string"
    )
      continue;
    const inner = value[value.type];
    if (value.type === "date") {
      if (isObject(inner) && typeof inner.start === "string") {
        out[property.id] = Date.parse(inner.start);
        if (typeof inner.end === "string") out[`${property.id}:end`] = Date.parse(inner.end);
      }
    } else if (value.type === "array" && Array.isArray(inner)) {
      const elements = inner.flatMap((v) =>
        isObject(v) && typeof v.type === "string" ? elementsOf(v as { type: string }) : [],
      );
      if (elements.length > 0) out[property.id] = elements;
    } else if (
      typeof inner === "number" ||
      typeof inner === "boolean" ||
      (typeof inner === "string" && inner !== "")
    ) {
      out[property.id] = inner;
    }
  }
  return out;
}

/**
 * Recomputes a row's formulas and rollups and stores them with its query values, so filters and
 * sorts on computed properties read current values. Formulas using now() are as of the last write.
 */
export function hasComputed(schema: PropertySchema[]): boolean {
  return schema.some((p) => p.type === "rollup" || p.type === "formula");
}

/**
 * A row's properties with its rollups and formulas computed from `related`, the related pages as the
 * computation may see them (all of them when stored; a reader's share when served to that reader).
 */
export async function computedValues(
  db: Executor,
  now: Date,
  schema: PropertySchema[],
  row: BlockRecord,
  related: RelatedPages,
): Promise<StoredValues> {
  const values: StoredValues = { ...(row.properties ?? {}) };
  await computeRollups(db, related, schema, row, values);
  const refs = referencedIds(schema, [row]);
  const users = new Map((await findUsers(db, row.workspaceId, refs.users)).map((u) => [u.id, u.name ?? ""]));
  const relatedPages = new Map((await related(refs.pages)).map((p) => [p.id, p]));
  const pages = new Map([...relatedPages.values()].map((p) => [p.id, String(p.content.title ?? "")]));
  const schemas = new Map<string, PropertySchema[]>();
  for (const sourceId of new Set(
    [...relatedPages.values()].flatMap((p) => (p.parentId ? [p.parentId] : [])),
  )) {
    const fields = await findDataSourceFields(db, sourceId);
    if (fields) schemas.set(sourceId, fields.schema);
  }
  evaluateFormulas(schema, row, { users, pages }, { pages: relatedPages, schemas }, now, values);
  return values;
}

export async function computeRow(
  db: Executor,
  ctx: ServiceContext,
  workspaceId: string,
  pageId: string,
): Promise<void> {
  const row = await findBlock(db, workspaceId, pageId);
  if (!row || row.parentType !== "data_source_id" || !row.parentId) return;
  const source = await findDataSourceFields(db, row.parentId);
  if (!source) return;
  const schema = source.schema;
  // Without formulas or rollups the writer has already stored everything derived from the row.
  if (!hasComputed(schema)) return;
  const values = await computedValues(db, ctx.clock(), schema, row, (ids) =>
    findBlocks(db, workspaceId, ids),
  );
  await updateBlock(db, pageId, {
    properties: values,
    content: { ...row.content, title: rowTitle(schema, values) },
    queryValues: { ...queryValues(schema, values), ...computedQueryValues(schema, values) },
  });
}

/**
 * After a schema change every row's query values (and computed properties) follow the new schema.
 * Rows are walked in creation order in batches, so memory stays flat however large the source is.
 */
export async function recomputeSource(
  db: Executor,
  ctx: ServiceContext,
  workspaceId: string,
  sourceId: string,
  previous: PropertySchema[] = [],
): Promise<void> {
  const source = await findDataSourceFields(db, sourceId);
  if (!source) return;
  const migrate = storedValueMigration(previous, source.schema);
  const computed = source.schema.some((p) => p.type === "rollup" || p.type === "formula");
  let after = "";
  for (;;) {
    const batch = await sourceRowsAfter(db, sourceId, after, 500);
    for (const row of batch) {
      const stored = row.properties;
      const values = migrate ? migrate(stored) : stored;
      await updateBlock(db, row.id, { properties: values, queryValues: queryValues(source.schema, values) });
      if (computed) await computeRow(db, ctx, workspaceId, row.id);
    }
    const last = batch.at(-1);
    if (!last) return;
    after = last.sortKey;
  }
}

/** Stored values follow a schema change: deleted properties go, retyped ones are converted. */
function storedValueMigration(previous: PropertySchema[], next: PropertySchema[]) {
  const steps: Array<{ old: PropertySchema; now: PropertySchema | undefined }> = previous.flatMap((old) => {
    const now = next.find((p) => p.id === old.id);
    return !now || now.type !== old.type ? [{ old, now }] : [];
  });
  if (steps.length === 0) return null;
  return (values: StoredValues): StoredValues => {
    const out = { ...values };
    for (const { old, now } of steps) {
      const converted = now ? convertValue(old, now, out[old.id]) : undefined;
      if (converted === undefined) delete out[old.id];
      else out[old.id] = converted;
    }
    return out;
  };
}
