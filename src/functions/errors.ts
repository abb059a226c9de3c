/**
 * Excel error values for the custom functions. A function never lets a plain exception escape:
 * bad input becomes `#VALUE!` (or `#N/A` for a drug the catalog does not know) with a message a
 * biller can act on, shown in the cell's error indicator.
 */

/** The two error codes the functions use (values as Excel shows them). */
export type FunctionErrorCode = 'invalidValue' | 'notAvailable';

/** Thrown inside the implementation; converted to a `CustomFunctions.Error` at the function boundary. */
export class FunctionInputError extends Error {
  constructor(
    message: string,
    readonly code: FunctionErrorCode = 'invalidValue',
  ) {
    super(message);
    this.name = 'FunctionInputError';
  }
}

/** Bad input: `#VALUE!` with this message. */
export function invalid(message: string): FunctionInputError {
  return new FunctionInputError(message, 'invalidValue');
}

/** A lookup that found nothing (an unknown drug): `#N/A` with this message. */
export function notAvailable(message: string): FunctionInputError {
  return new FunctionInputError(message, 'notAvailable');
}

/** Excel's own text for each code: used when the runtime is absent (Node, the command line). */
const ERROR_TEXT: Record<FunctionErrorCode, string> = { invalidValue: '#VALUE!', notAvailable: '#N/A' };

/**
 * A `CustomFunctions.Error` for any thrown value. Outside Excel (no `CustomFunctions` global) a plain
 * Error carrying the same code and message is returned, so shared code still behaves.
 */
export function toExcelError(error: unknown): CustomFunctions.Error {
  const runtime = customFunctionsRuntime();
  if (runtime && error instanceof runtime.Error) return error;
  let code: FunctionErrorCode = 'invalidValue';
  let message: string;
  if (error instanceof FunctionInputError) {
    code = error.code;
    message = error.message;
  } else {
    // An engine defect, not the user's input: say so plainly rather than show a stack trace.
    const detail = error instanceof Error ? error.message : String(error);
    message = `Infusion Coder could not code this input (${detail || 'internal error'})`;
  }
  message = clip(message);
  if (runtime) return new runtime.Error(runtime.ErrorCode[code], message);
  const fallback = new Error(message) as Error & { code: string };
  fallback.code = ERROR_TEXT[code];
  return fallback as unknown as CustomFunctions.Error;
}

/** Error messages are read in a small tooltip: keep them to one short sentence. */
function clip(message: string): string {
  return message.length > 255 ? `${message.slice(0, 252)}...` : message;
}

function customFunctionsRuntime(): typeof CustomFunctions | null {
  return typeof CustomFunctions === 'undefined' ? null : CustomFunctions;
}
