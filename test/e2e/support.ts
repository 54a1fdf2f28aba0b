/**
 * Shared helpers of the browser tests: translations by key, the chromium launch, a watcher
 * for console errors / failed requests, and axe-core run through the DevTools protocol.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createI18n } from '../../i18n/i18n';

export type Lng = 'fi' | 'sv' | 'en';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'luotsi-e2e');

export const i18n = createI18n();

/** A translation by namespaced key (or a key chain, first existing wins); throws when missing. */
export function text(lng: Lng, key: string | string[]): string {
  const keys = Array.isArray(key) ? key : [key];
  const value = i18n.getFixedT(lng)(keys);
  const last = keys[keys.length - 1]!;
  if (keys.includes(value) || value === last.split(':')[1]) throw new Error(`locales/${lng} has no string at ${keys.join(' | ')}`);
  return value;
}

/** Chromium as the browser tests run it (no sandbox in containers, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * What the browser reported: console errors (CSP violations land here too), uncaught errors,
 * failed requests, and the paths of the WebSockets the page opened.
 */
export interface PageProblems {
  list: string[];
  webSockets: string[];
}

export function watch(page: Page): PageProblems {
  const problems: PageProblems = { list: [], webSockets: [] };
  page.on('websocket', (socket) => problems.webSockets.push(new URL(socket.url()).pathname));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.list.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.list.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.list.push(`http ${response.status()}: ${new URL(response.url()).pathname}`);
  });
  return problems;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the whole document and returns its violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses the inline
  // <script> that page.addScriptTag would insert, and the test must not loosen it.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context?: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** The serious and critical ones; all violations are logged with `label`. */
export function severe(violations: AxeViolation[], label: string): AxeViolation[] {
  if (violations.length) console.log(`axe violations (${label}):\n` + violations.map((v) => `${v.impact} ${v.id}: ${v.help} ${v.nodes.join(' ')}`).join('\n'));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function inViewport(box: { x: number; y: number; width: number; height: number } | null, viewport: { width: number; height: number }): boolean {
  return (
    !!box && box.width > 0 && box.height > 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 1 && box.y + box.height <= viewport.height + 1
  );
}
