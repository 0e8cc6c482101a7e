import { type RelationRequest, newPropertyId } from "../../domain/properties/index.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import { plainText } from "../../domain/rich-text.ts";
import { isObject } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import { findBlock } from "../../storage/block-repo.ts";
import {
  type DataSourceFields,
  findDataSourceFields,
  listDataSourceFields,
  updateDataSourceFields,
} from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { canReach } from "../access/kinds.ts";
import { validateFormulas } from "../computed/formulas.ts";
import type { Viewer } from "../access/viewer.ts";

async function targetSource(db: Executor, viewer: Viewer, request: RelationRequest, self: DataSourceFields) {
  if (request.dataSourceId === self.id) return self;
  let target: DataSourceFields | undefined;
  if (request.dataSourceId) target = await findDataSourceFields(db, request.dataSourceId);
  else if (request.databaseId) target = (await listDataSourceFields(db, request.databaseId))[0];
  const id = request.dataSourceId ?? request.databaseId ?? "";
  const block = target && (await findBlock(db, viewer.workspaceId, target.id));
  if (!target || !block || block.inTrash || !(await canReach(db, viewer, target.id))) {
    throw validationError(
      `Could not find the related data source ${id}, or it is not shared with this integration.`,
    );
  }
  return target;
}

/**
 * Completes relation and rollup configs of `source` (already stored) now that ids are known: relation
 * targets get both ids, dual relations get their twin property on the target source, and rollups get
 * the ids and names of the relation and rolled-up properties.
 */
export async function linkSchema(
  db: Executor,
  viewer: Viewer,
  source: DataSourceFields,
  relations: RelationRequest[],
): Promise<PropertySchema[]> {
  const schema = source.schema.map((p) => ({ ...p, config: { ...p.config } }));
  const self = { ...source, schema };
  for (const request of relations) {
    const property = schema.find((p) => p.id === request.propertyId);
    if (!property) continue;
    const target = await targetSource(db, viewer, request, self);
    property.config = {
      database_id: target.databaseId,
      data_source_id: target.id,
      type: request.kind,
      [request.kind]: {},
    };
    if (request.kind === "dual_property") {
      const twin = await addTwin(db, self, target, property, request.syncedPropertyName);
      property.config.dual_property = { synced_property_id: twin.id, synced_property_name: twin.name };
    }
  }
  await resolveRollups(db, schema);
  validateFormulas(schema);
  return schema;
}

async function addTwin(
  db: Executor,
  self: DataSourceFields,
  target: DataSourceFields,
  property: PropertySchema,
  requestedName: string | undefined,
): Promise<PropertySchema> {
  const targetSchema = target.id === self.id ? self.schema : target.schema;
  const name = uniqueName(
    targetSchema,
    requestedName ?? `Related to ${plainText(self.title) || "Untitled"} (${property.name})`,
  );
  const twin: PropertySchema = {
    id: newPropertyId(new Set(targetSchema.map((p) => p.id))),
    name,
    description: null,
    type: "relation",
    config: {
      database_id: self.databaseId,
      data_source_id: self.id,
      type: "dual_property",
      dual_property: { synced_property_id: property.id, synced_property_name: property.name },
    },
  };
  targetSchema.push(twin);
  if (target.id !== self.id) await updateDataSourceFields(db, target.id, { schema: targetSchema });
  return twin;
}

function uniqueName(schema: PropertySchema[], wanted: string): string {
  let name = wanted;
  for (let n = 2; schema.some((p) => p.name === name); n++) name = `${wanted} ${n}`;
  return name;
}

async function resolveRollups(db: Executor, schema: PropertySchema[]): Promise<void> {
  for (const rollup of schema.filter((p) => p.type === "rollup")) {
    const config = rollup.config;
    const relation = schema.find(
      (p) =>
        p.type === "relation" &&
        (p.id === config.relation_property_id || p.name === config.relation_property_name),
    );
    if (!relation)
      throw validationError(
        `Rollup property ${rollup.name} must use a relation property of this data source.`,
      );
    const targetId = relation.config.data_source_id;
    const target = typeof targetId === "string" ? await findDataSourceFields(db, targetId) : undefined;
    const rolled = target?.schema.find(
      (p) => p.id === config.rollup_property_id || p.name === config.rollup_property_name,
    );
    if (!rolled)
      throw validationError(
        `Rollup property ${rollup.name} names a property its relation's data source doesn't have.`,
      );
    rollup.config = {
      function: config.function,
      relation_property_id: relation.id,
      relation_property_name: relation.name,
      rollup_property_id: rolled.id,
      rollup_property_name: rolled.name,
    };
  }
}

/** Where a dual relation's twin lives, for keeping both sides in sync. */
export function twinOf(property: PropertySchema): { dataSourceId: string; propertyId: string } | null {
  const config = property.config;
  const dual = config.dual_property;
  if (property.type !== "relation" || config.type !== "dual_property" || !isObject(dual)) return null;
  const dataSourceId = config.data_source_id;
  const propertyId = dual.synced_property_id;
  return typeof dataSourceId === "string" && typeof propertyId === "string"
    ? { dataSourceId, propertyId }
    : null;
}

/**
 * Keeps the other side of dual relations in step with a schema change: a renamed side is renamed in
 * its twin's config, and a deleted (or retyped) side takes its twin with it, as in Notion. Twins on
 * the same source are changed in `next` itself; the other sources are saved here.
 */
export async function syncTwins(
  db: Executor,
  self: DataSourceFields,
  previous: PropertySchema[],
  next: PropertySchema[],
): Promise<void> {
  for (const old of previous) {
    const twin = twinOf(old);
    if (!twin) continue;
    const now = next.find((p) => p.id === old.id);
    const kept = now !== undefined && twinOf(now)?.propertyId === twin.propertyId;
    if (kept && now.name === old.name) continue;
    const local = twin.dataSourceId === self.id;
    const schema = local ? next : (await findDataSourceFields(db, twin.dataSourceId))?.schema;
    const index = schema?.findIndex((p) => p.id === twin.propertyId) ?? -1;
    const entry = schema?.[index];
    if (!schema || !entry) continue;
    if (kept) {
      schema[index] = {
        ...entry,
        config: {
          ...entry.config,
          dual_property: { synced_property_id: now.id, synced_property_name: now.name },
        },
      };
    } else {
      schema.splice(index, 1);
    }
    if (!local) await updateDataSourceFields(db, twin.dataSourceId, { schema });
  }
}
