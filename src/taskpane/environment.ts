/**
 * Where the pane runs, decided in one place: inside Excel (Office.onReady says host Excel), or outside it
 * (a plain browser, Office.js unreachable, or the help link). Outside Office.onReady resolves with host null.
 */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  isDarkTheme?: boolean;
}

export type Environment =
  | { kind: 'excel'; theme: OfficeThemeLike | null }
  | { kind: 'outside'; reason: 'browser' | 'office-unavailable' };

interface OfficeGlobal {
  onReady?: () => Promise<{ host: string | null; platform: string | null }>;
  context?: { officeTheme?: OfficeThemeLike };
}

const wait = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));

export async function detectEnvironment(win: Window = window, timeoutMs = 8000): Promise<Environment> {
  const office = (win as unknown as { Office?: OfficeGlobal }).Office;
  const inFrame = win.parent !== win;
  if (new URLSearchParams(win.location.search).has('help')) return { kind: 'outside', reason: 'browser' };
  if (!office?.onReady) return { kind: 'outside', reason: inFrame ? 'office-unavailable' : 'browser' };
  const info = await Promise.race([office.onReady().catch(() => null), wait(timeoutMs)]);
  if (info && info.host === 'Excel') {
    let theme: OfficeThemeLike | null = null;
    try {
      theme = office.context?.officeTheme ?? null;
    } catch {
      theme = null;
    }
    return { kind: 'excel', theme };
  }
  return { kind: 'outside', reason: info === null && inFrame ? 'office-unavailable' : 'browser' };
}

function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The Fluent theme that follows the Office theme (dark Office themes get the dark Fluent theme). */
export function themeFor(office: OfficeThemeLike | null): Theme {
  if (!office) return webLightTheme;
  if (typeof office.isDarkTheme === 'boolean') return office.isDarkTheme ? webDarkTheme : webLightTheme;
  const l = office.bodyBackgroundColor ? luminance(office.bodyBackgroundColor) : null;
  return l !== null && l < 0.5 ? webDarkTheme : webLightTheme;
}
