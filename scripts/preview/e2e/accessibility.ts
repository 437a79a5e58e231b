/**
 * Accessibility in the browser, with the rules sfdx-lwc-jest's @sa11y/jest applies to the
 * components in jsdom (the sa11y default ruleset of axe-core), now on the real rendering:
 * SLDS styles, lightning-base-components, colours and layout.
 */
import { readFileSync } from 'node:fs';
import { defaultRuleset } from '@sa11y/preset-rules';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Each violation inside `selectors` as "rule: what to fix (where)"; none means accessible. */
export async function accessibilityViolations(page: Page, selectors: readonly string[]): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // Elements, not selectors: synthetic shadow hides component internals from document queries,
  // but axe walks a component's (synthetic) shadow root when it is given the host itself.
  const elements = (await Promise.all(selectors.map((selector) => page.locator(selector).elementHandles()))).flat();
  if (elements.length === 0) throw new Error(`nothing to check: no ${selectors.join(', ')} on the page`);
  const violations = await page.evaluate(
    async ({ include, options }) => {
      const axe = (
        globalThis as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[]; passes: unknown[] }> };
        }
      ).axe;
      const result = await axe.run({ include }, options);
      // A check that found nothing to check would pass whatever the page shows.
      if (result.passes.length === 0) throw new Error('axe found nothing to check');
      return result.violations;
    },
    { include: elements, options: { runOnly: defaultRuleset.runOnly, resultTypes: ['violations'] } },
  );
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}
