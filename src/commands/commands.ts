/**
 * Ribbon commands (manifest: Action xsi:type="ExecuteFunction"). "Code rows" codes the active sheet with the
 * options and mapping saved in the workbook, without opening the pane; the pane shows the result if open.
 */
import { publishRun } from '../runtime/events';
import { officeHost, type ExcelHost } from '../excel/host';
import { codeSheetSafely } from '../excel/run';

interface CommandEvent {
  completed(): void;
}

let running = false;

/** The "Code rows" button. Never throws: Excel shows an error bar for a command that fails to complete. */
export async function codeRowsCommand(event: CommandEvent, host: ExcelHost = officeHost()): Promise<void> {
  if (running) {
    event.completed();
    return;
  }
  running = true;
  publishRun({ kind: 'started' });
  try {
    const result = await codeSheetSafely(host);
    publishRun({ kind: 'result', result });
  } catch (e) {
    publishRun({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  } finally {
    running = false;
    event.completed();
  }
}

/** Registers the commands with Office (the function names the manifest uses). */
export function registerCommands(): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.actions?.associate) return false;
  office.actions.associate('codeRows', (event: CommandEvent) => codeRowsCommand(event));
  return true;
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (office?.onReady) {
  void office.onReady(() => {
    registerCommands();
  });
}
