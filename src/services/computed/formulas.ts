import {
  type CompiledFormula,
  FormulaError,
  type FormulaType,
  compileFormula,
  propertyFormulaType,
} from "../../domain/formulas/index.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import { excerpt } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";

const compiled = new Map<string, CompiledFormula>();
const MAX_CACHED = 2000;

function propertyTypes(schema: PropertySchema[]) {
  return Object.fromEntries(schema.map((p) => [p.name, propertyFormulaType(p.type)]));
}

/** A formula property's compiled expression, checked against its schema; compiled once per schema shape. */
export function formulaOf(schema: PropertySchema[], property: PropertySchema): CompiledFormula {
  const expression = String(property.config.expression ?? "");
  const types = propertyTypes(schema);
  const key = `${expression}\u0000${JSON.stringify(types)}`;
  let formula = compiled.get(key);
  if (!formula) {
    formula = compileFormula(expression, { properties: types });
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(key, formula);
  }
  return formula;
}

/** Schema writes refuse formulas that don't compile, with the compiler's reason (Notion does the same). */
export function validateFormulas(schema: PropertySchema[]): void {
  for (const property of schema.filter((p) => p.type === "formula")) {
    try {
      formulaOf(schema, property);
    } catch (error) {
      if (error instanceof FormulaError) {
        throw validationError(`Formula of property ${excerpt(property.name)} is invalid: ${error.message}`);
      }
      throw error;
    }
  }
}

/** The static result type, or undefined when the formula no longer compiles (a property it used was deleted). */
export function formulaResultType(
  schema: PropertySchema[],
  property: PropertySchema,
): FormulaType | undefined {
  try {
    return formulaOf(schema, property).resultType;
  } catch {
    return undefined;
  }
}
