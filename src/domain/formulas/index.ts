import { Compiler, type CompileOptions, type FormulaEnv, type Runtime } from "./compile.ts";
import { FormulaError } from "./errors.ts";
import { parseFormula } from "./parser.ts";
import { resultTypeOf, type FormulaResultType } from "./result.ts";
import { isTimeZone } from "../time-zones.ts";
import type { FormulaType } from "./types.ts";
import { EMPTY, type FormulaValue } from "./values.ts";

export type { CompileOptions, FormulaEnv } from "./compile.ts";
export { FormulaError } from "./errors.ts";
export { formatDate } from "./format-date.ts";
export { FUNCTIONS } from "./functions/index.ts";
export { propertyFormulaType } from "./property-types.ts";
export { dateFromNotion, resultTypeOf, toFormulaResult } from "./result.ts";
export type { FormulaResult, FormulaResultType, ResultOptions } from "./result.ts";
export type { FormulaType } from "./types.ts";
export { EMPTY, boolean, date, displayText, list, number, text } from "./values.ts";
export type { FormulaValue } from "./values.ts";

export interface CompiledFormula {
  readonly expression: string;
  /** Names passed to `prop()`, in order of first use: what must be recomputed when they change. */
  readonly dependencies: string[];
  /** The static result type ("any" when it depends on property values of unknown type). */
  readonly resultType: FormulaType;
  /**
   * Evaluates for one page. Data-dependent failures (a property of an unexpected type, an invalid
   * regular expression built at runtime) give the empty value, as a broken cell shows nothing.
   */
  evaluate(env: FormulaEnv): FormulaValue;
  /** Like `evaluate`, but throws the FormulaError that made the result empty. */
  evaluateStrict(env: FormulaEnv): FormulaValue;
}

/** Parses and type-checks once; throws FormulaError for syntax, unknown names and type mismatches. */
export function compileFormula(expression: string, options: CompileOptions = {}): CompiledFormula {
  const compiler = new Compiler(options);
  const root = compiler.compile(parseFormula(expression), new Map());
  const slotCount = compiler.slotCount;

  const evaluateStrict = (env: FormulaEnv): FormulaValue => {
    const timeZone = env.timeZone ?? "UTC";
    if (!isTimeZone(timeZone)) throw new FormulaError(`Unknown time zone "${timeZone}".`);
    const rt: Runtime = {
      env,
      ctx: { timeZone, now: env.now.getTime(), pageId: env.pageId },
      slots: new Array<FormulaValue>(slotCount).fill(EMPTY),
    };
    return root.run(rt);
  };

  return {
    expression,
    dependencies: [...compiler.dependencies],
    resultType: root.type,
    evaluateStrict,
    evaluate(env) {
      try {
        return evaluateStrict(env);
      } catch (error) {
        if (error instanceof FormulaError) return EMPTY;
        // A formula deep enough to exhaust the stack at runtime (deeply nested lists) is broken data,
        // not a server fault.
        if (error instanceof RangeError) return EMPTY;
        throw error;
      }
    },
  };
}

/** The Notion result type ("string", "number", "boolean", "date") a formula's values are served as. */
export function inferResultType(expression: string, options: CompileOptions = {}): FormulaResultType {
  return resultTypeOf(compileFormula(expression, options).resultType);
}
