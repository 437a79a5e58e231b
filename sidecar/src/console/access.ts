/**
 * Who may use the console: users one of whose permission sets grants the package's custom
 * permission Stance_Console (in Stance_Admin), read with the user's own token. A refusal or an
 * unreadable answer (no View Setup, the org down) means not allowed.
 */
import type { AdminOrg } from '../salesforce/adminOrg';

export const CONSOLE_PERMISSION = 'Stance_Console';

export async function mayUseConsole(org: Pick<AdminOrg, 'hasCustomPermission'>, userId: string): Promise<boolean> {
  try {
    return await org.hasCustomPermission(userId, CONSOLE_PERMISSION);
  } catch {
    return false;
  }
}
