import type { FunctionDef } from "./define.ts";
import { dateFunctions } from "./dates.ts";
import { listFunctions } from "./lists.ts";
import { logicFunctions } from "./logic.ts";
import { mathFunctions } from "./math.ts";
import { peopleFunctions } from "./people.ts";
import { textFunctions } from "./text.ts";

/** Every eager function by name. `prop`, `if`, `ifs`, `and`, `or`, `let`, `lets` are special forms. */
export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  [textFunctions, mathFunctions, logicFunctions, dateFunctions, listFunctions, peopleFunctions].flatMap(
    (table) => Object.entries(table),
  ),
);
