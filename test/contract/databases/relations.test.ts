import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError } from "../helpers.ts";
import {
  addRow,
  fullDataSource,
  matching,
  newTable,
  projectsAndTasks,
  retrievePage,
  simple,
  updateRow,
} from "./fixtures.ts";

/** Relations, single and dual (kept in sync both ways). */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("dual relations", () => {
  it("adds the twin property to the related data source, each naming the other", async () => {
    const ws = await server.workspace();
    const { projects, tasks } = await projectsAndTasks(ws);
    const project = tasks.dataSource.properties["Project"];
    const twin = projects.dataSource.properties["Tasks"];
    expect(project).toMatchObject({
      type: "relation",
      relation: {
        database_id: projects.databaseId,
        data_source_id: projects.dataSourceId,
        type: "dual_property",
        dual_property: { synced_property_id: twin?.id, synced_property_name: "Tasks" },
      },
    });
    expect(twin).toMatchObject({
      type: "relation",
      relation: {
        database_id: tasks.databaseId,
        data_source_id: tasks.dataSourceId,
        type: "dual_property",
        dual_property: { synced_property_id: project?.id, synced_property_name: "Project" },
      },
    });
  });

  it("renames the twin's reference when one side is renamed, and deletes the twin with it", async () => {
    const ws = await server.workspace();
    const { projects, tasks } = await projectsAndTasks(ws);
    const twinId = projects.dataSource.properties["Tasks"]?.id;
    const projectId = tasks.dataSource.properties["Project"]?.id;
    await tasks.client.dataSources.update({
      data_source_id: tasks.dataSourceId,
      properties: { Project: { name: "Initiative" } },
    });
    const renamed = fullDataSource(
      await projects.client.dataSources.retrieve({ data_source_id: projects.dataSourceId }),
    );
    expect(renamed.properties["Tasks"]).toMatchObject({
      id: twinId,
      relation: { dual_property: { synced_property_id: projectId, synced_property_name: "Initiative" } },
    });
    await tasks.client.dataSources.update({
      data_source_id: tasks.dataSourceId,
      properties: { Initiative: null },
    });
    const after = fullDataSource(
      await projects.client.dataSources.retrieve({ data_source_id: projects.dataSourceId }),
    );
    expect(Object.keys(after.properties)).not.toContain("Tasks");
    expect(Object.values(after.properties).some((p) => p.type === "relation")).toBe(false);
  });

  it("names the twin itself when no synced_property_name is given", async () => {
    const ws = await server.workspace();
    const projects = await newTable(ws, {}, { title: "Projects" });
    const tasks = await newTable(
      ws,
      {
        Project: {
          relation: { data_source_id: projects.dataSourceId, type: "dual_property", dual_property: {} },
        },
      },
      { rootId: projects.rootId, client: projects.client },
    );
    const relation = tasks.dataSource.properties["Project"];
    if (relation?.type !== "relation" || relation.relation.type !== "dual_property")
      throw new Error("not dual");
    const { synced_property_name: name, synced_property_id: id } = relation.relation.dual_property;
    const target = fullDataSource(
      await projects.client.dataSources.retrieve({ data_source_id: projects.dataSourceId }),
    );
    expect(target.properties[name]).toMatchObject({ id, type: "relation" });
  });

  it("writing one side updates the other, and replacing or removing updates the twin", async () => {
    const ws = await server.workspace();
    const { projects, tasks } = await projectsAndTasks(ws);
    const apollo = await addRow(projects, "Apollo");
    const gemini = await addRow(projects, "Gemini");
    const t1 = await addRow(tasks, "T1", { Project: { relation: [{ id: apollo.id }] } });
    const t2 = await addRow(tasks, "T2", { Project: { relation: [{ id: apollo.id }, { id: gemini.id }] } });
    const twins = async () => ({
      apollo: simple(await retrievePage(projects.client, apollo.id), "Tasks"),
      gemini: simple(await retrievePage(projects.client, gemini.id), "Tasks"),
    });
    expect(await twins()).toEqual({ apollo: [t1.id, t2.id], gemini: [t2.id] });

    // Removing from the task side drops the task from the project.
    await updateRow(tasks.client, t2.id, { Project: { relation: [{ id: gemini.id }] } });
    expect(await twins()).toEqual({ apollo: [t1.id], gemini: [t2.id] });

    // Writing the project side replaces its list and updates every task it gained or lost.
    await updateRow(projects.client, apollo.id, { Tasks: { relation: [{ id: t2.id }] } });
    expect(simple(await retrievePage(tasks.client, t1.id), "Project")).toEqual([]);
    expect(simple(await retrievePage(tasks.client, t2.id), "Project")).toEqual([gemini.id, apollo.id]);
    expect(await twins()).toEqual({ apollo: [t2.id], gemini: [t2.id] });

    await updateRow(tasks.client, t2.id, { Project: { relation: [] } });
    expect(await twins()).toEqual({ apollo: [], gemini: [] });
  });

  it("filters on the twin property", async () => {
    const ws = await server.workspace();
    const { projects, tasks } = await projectsAndTasks(ws);
    const apollo = await addRow(projects, "Apollo");
    await addRow(projects, "Idle");
    const t1 = await addRow(tasks, "T1", { Project: { relation: [{ id: apollo.id }] } });
    expect(await matching(projects, { property: "Tasks", relation: { contains: t1.id } })).toEqual([
      "Apollo",
    ]);
    expect(await matching(projects, { property: "Tasks", relation: { is_empty: true } })).toEqual(["Idle"]);
  });
});

describe("single relations", () => {
  it("relates without a twin, including to the same data source", async () => {
    const ws = await server.workspace();
    const people = await newTable(ws, {}, { title: "People" });
    const before = Object.keys(people.dataSource.properties);
    const updated = fullDataSource(
      await people.client.dataSources.update({
        data_source_id: people.dataSourceId,
        properties: { Manager: { relation: { data_source_id: people.dataSourceId, single_property: {} } } },
      }),
    );
    expect(Object.keys(updated.properties).sort()).toEqual([...before, "Manager"].sort());
    const boss = await addRow(people, "Boss");
    const worker = await addRow(people, "Worker", { Manager: { relation: [{ id: boss.id }] } });
    expect(simple(worker, "Manager")).toEqual([boss.id]);
    expect(simple(await retrievePage(people.client, boss.id), "Manager")).toEqual([]);
  });

  it("rejects a related page from another data source", async () => {
    const ws = await server.workspace();
    const { tasks } = await projectsAndTasks(ws);
    const stranger = await addRow(tasks, "Not a project");
    await expectApiError(addRow(tasks, "T", { Project: { relation: [{ id: stranger.id }] } }), {
      status: 400,
      code: "validation_error",
    });
  });
});
