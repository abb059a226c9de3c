/** Saving the ledger inside the one stored settings value (workbook.settings), with its size for batching. */
import { jsonSize } from './limits';
import { serializeSettings, SETTINGS_KEY, type Ledger, type StoredSettings } from '../runtime/settings';

/** Queues saving the settings with this sheet's ledger replaced (or removed when null). */
export function ledgerSaver(settings: StoredSettings, sheetId: string) {
  return (context: Excel.RequestContext, ledger: Ledger | null): void => {
    // A sheet renamed since its last run: its mapping goes with it (kept under the old name as well, which a new
    // sheet may take).
    const before = settings.ledgers[sheetId]?.sheetName;
    if (ledger && before !== undefined && before !== ledger.sheetName && settings.mappings[before] && !settings.mappings[ledger.sheetName]) {
      settings.mappings[ledger.sheetName] = settings.mappings[before];
    }
    if (ledger) settings.ledgers[sheetId] = ledger;
    else delete settings.ledgers[sheetId];
    context.workbook.settings.add(SETTINGS_KEY, serializeSettings(settings));
  };
}

/** Bytes of everything stored besides this sheet's ledger (saved in the same request). */
export function otherSettingsBytes(settings: StoredSettings, sheetId: string): number {
  const rest = { ...settings, ledgers: { ...settings.ledgers } };
  delete rest.ledgers[sheetId];
  return jsonSize(JSON.stringify(rest)) + 16;
}
