/**
 * Runs first in the shared runtime page. Outside Excel (a plain browser showing the install page, or a test
 * host) the CustomFunctions global does not exist, and the registration code that the metadata plugin
 * appends to src/functions/functions.ts would throw: give it an inert stand-in so the page still works.
 */
const g = globalThis as { CustomFunctions?: unknown };
if (typeof g.CustomFunctions === 'undefined') {
  g.CustomFunctions = {
    associate(): void {},
    Error: class CustomFunctionsError extends Error {},
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', invalidNumber: '#NUM!', nullReference: '#NULL!', divisionByZero: '#DIV/0!', invalidName: '#NAME?' },
  };
}

export {};
