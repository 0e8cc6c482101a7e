/**
 * The one error a formula raises: a syntax error, an unknown function or property, a type mismatch or a
 * bad argument. Callers turn it into an API `validation_error`, so the message reads like Notion's
 * formula editor ("Unknown function: foo.") rather than like a stack trace.
 */
export class FormulaError extends Error {
  override readonly name = "FormulaError";

  /** Offset in the expression where the problem starts, when it is known. */
  readonly position: number | undefined;

  constructor(message: string, position?: number) {
    super(message);
    this.position = position;
  }
}
